import { createHash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Lru, stringBytes } from '../../platform/lru';
import { assembleCalendar, renderEventFragment, sortEvents, zonesOf, type CalendarMeta, type EventSpec } from './ics';

/** How long rendering may hold the event loop before letting other requests run. */
const RENDER_SLICE_MS = 8;

/** A strong validator from the bytes themselves: the same feed has the same ETag on any server. */
export const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

export interface BuiltFeed {
  body: string;
  etag: string;
  /** When the newest event in it last changed (UTC ISO); null for a feed without events. */
  lastModified: string | null;
}

/**
 * Renders feeds from per-event fragments. A fragment is rendered (with ical-generator) only
 * when its event's description changed, so after one change a feed of thousands of events
 * re-renders one event and concatenates the rest. Rendering yields to the event loop every
 * few milliseconds, so a large feed built from nothing does not stall other requests.
 */
export class FeedRenderer {
  private readonly fragments: Lru<{ spec: string; text: string }>;
  private readonly feeds: Lru<{ scopes: string[]; signature: string; expiresAt: number; feed: BuiltFeed }>;

  /** `maxBytes`: what rendered feeds and fragments may hold together (half each). */
  constructor(maxBytes: number) {
    this.fragments = new Lru(maxBytes / 2, (f) => stringBytes(f.spec) + stringBytes(f.text));
    this.feeds = new Lru(maxBytes / 2, (f) => stringBytes(f.feed.body) + 2 * f.signature.length + 64 * f.scopes.length);
  }

  /**
   * The cached feed, while the versions of the scopes it was built from are unchanged
   * (`signatureOf` reads them) and no cancelled event in it has reached its 30 days.
   */
  async fresh(feedKey: string, signatureOf: (scopes: string[]) => Promise<string>, nowMs: number): Promise<BuiltFeed | undefined> {
    const entry = this.feeds.get(feedKey);
    return entry && nowMs < entry.expiresAt && (await signatureOf(entry.scopes)) === entry.signature ? entry.feed : undefined;
  }

  /** `source`: what the feed was built from, to serve it again while that holds; null keeps only its fragments. */
  async build(
    feedKey: string,
    source: { scopes: string[]; signature: string; expiresAt: number } | null,
    meta: CalendarMeta,
    events: EventSpec[],
  ): Promise<BuiltFeed> {
    const sorted = sortEvents(events);
    const texts: string[] = [];
    let sliceStart = performance.now();
    for (const event of sorted) {
      if (performance.now() - sliceStart > RENDER_SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
      // A fingerprint of the event, not the event itself: it is all a comparison needs.
      const spec = createHash('sha1').update(JSON.stringify(event)).digest('base64');
      // The same UID can read differently in two feeds (a unit's feed names its officials).
      const fragmentKey = `${feedKey} ${event.uid}`;
      const hit = this.fragments.get(fragmentKey);
      if (hit && hit.spec === spec) {
        texts.push(hit.text);
        continue;
      }
      const text = renderEventFragment(event);
      this.fragments.set(fragmentKey, { spec, text });
      texts.push(text);
    }
    const body = assembleCalendar(meta, zonesOf(sorted), texts);
    const feed = { body, etag: etagOf(body), lastModified: sorted.reduce<string | null>((latest, e) => (latest === null || e.modifiedAt > latest ? e.modifiedAt : latest), null) };
    if (source) this.feeds.set(feedKey, { ...source, feed });
    return feed;
  }
}
