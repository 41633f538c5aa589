import type { Actor } from '../../platform/actor';
import { canActForUnit, requireOrganiser } from '../../platform/actor';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { VersionReader } from '../../platform/data-versions';
import { AppError, notFound } from '../../platform/errors';
import { hashSecret, randomSecret } from '../../platform/secrets';
import { parseInstant, toStoredInstant, type Clock } from '../../platform/time';
import { CACHED_VIEWS } from '../derived-data';
import type { UnitsService } from '../units/units.service';
import { dateAndTime, longDate } from './calendar-text';
import { calendarsText } from './calendars.text';
import type { calendarUrls } from './calendar-urls';
import type { BatchRow, BookingScope, CalendarsRepository, DayRow, ProgrammeRow, UnitRow } from './calendars.repository';
import { etagOf, FeedRenderer, type BuiltFeed } from './feed-renderer';
import { renderEventFile, sortEvents, type CalendarMeta, type EventSpec } from './ics';
import { mapInOrder, flatMapInOrder } from '../../platform/in-order';

/** Feeds are written in Indonesian: one feed serves every subscriber. */
const t = calendarsText.id;

/** Before the title of a cancelled or displaced session. */
export const CANCELLED_PREFIX = t.cancelledPrefix;

/** Cancelled bookings stay in feeds (as STATUS:CANCELLED) this long, so calendars drop them. */
export const CANCELLED_VISIBLE_DAYS = 30;

export interface Feed extends BuiltFeed {
  filename: string;
}

/** A feed's content before rendering, with what it was built from. */
interface FeedSource {
  meta: CalendarMeta;
  events: EventSpec[];
  /** Data-version scopes the content depends on. */
  scopes: string[];
  /** When the first cancelled event in it passes its 30 days (epoch ms). */
  expiresAt: number;
}

export type CalendarsService = ReturnType<typeof createCalendarsService>;

export function createCalendarsService(deps: {
  repository: CalendarsRepository;
  uow: UnitOfWork;
  clock: Clock;
  units: Pick<UnitsService, 'setCalendarToken' | 'byCalendarTokenHash' | 'isRevokedCalendarToken' | 'get'>;
  versions: VersionReader;
  urls: ReturnType<typeof calendarUrls>;
  baseUrl: string;
  /** The organiser's name (ORGANISATION_NAME): events' organiser, and who the texts name. */
  organisation: string;
  /** The deployment's id, which event UIDs carry. */
  deploymentUid: () => Promise<string>;
  /** Bytes the rendered feeds and event fragments may hold. */
  cacheBytes: number;
  /** The partner calendar: its addresses and the sessions of the governments below (the partners feature). */
  partnerSessions: {
    feedAddress(tokenHash: string): Promise<'current' | 'replaced' | undefined>;
    replaceFeedAddress(actor: Actor, tokenHash: string): Promise<void>;
    events(): Promise<{ government: string; events: EventSpec[] }[]>;
    government(): Promise<string>;
  };
}) {
  const { repository, uow, clock, units, versions, urls, organisation } = deps;
  const host = new URL(deps.baseUrl).hostname;
  // Stable across a new PUBLIC_BASE_URL: the deployment's own id, not its host name. Read
  // once, by each entry point below before it builds an event.
  let deployment: string | undefined;
  const knowDeployment = async () => {
    deployment ??= await deps.deploymentUid();
  };
  const uid = (key: string) => {
    // Every entry point reads the deployment's id first (knowDeployment): an event without it would share its UID with every other government's.
    if (deployment === undefined) throw new Error('an event was built before the deployment’s id was read');
    return `${key}@${deployment}.sop`;
  };
  const organizer = (p: ProgrammeRow) => ({ name: organisation, email: p.organiserEmail ?? `noreply@${host}` });
  const latest = (...instants: string[]) => instants.reduce((a, b) => (a > b ? a : b));
  /** The digest of a secret feed address's token; undefined for one no address can have. */
  const tokenHashOf = (token: string) => (/^[A-Za-z0-9_-]{43}$/.test(token) ? hashSecret(token) : undefined);
  const replacedAddress = (whom: string) => new AppError(410, 'FEED_ADDRESS_REPLACED', `This calendar address was replaced by a new one; ask ${whom} for the new address`);
  const addressesOf = (url: string) => ({ url, webcalUrl: url.replace(/^https?:/, 'webcal:') });

  function batchDayEvents(programme: ProgrammeRow, batch: BatchRow, days: DayRow[], unit?: { name: string; people: string[]; modifiedAt: string }): EventSpec[] {
    return days.map((day, i) => {
      const lines = [t.batchDay.workshop(programme.name), t.batchDay.day(batch.name, i + 1, days.length, dateAndTime(day.date, day.start, day.end, programme.timezone))];
      if (batch.venue) lines.push(t.place(batch.venue));
      if (unit) lines.push(t.batchDay.participants(unit.name, unit.people));
      return {
        // By day number, not date: moving a day moves the event rather than replacing it.
        uid: uid(`batch-${batch.id}-day-${i + 1}`),
        sequence: batch.sequence,
        modifiedAt: unit ? latest(batch.updatedAt, unit.modifiedAt) : batch.updatedAt,
        when: { date: day.date, start: day.start, end: day.end, zone: programme.timezone },
        summary: days.length > 1 ? t.batchDay.summaryOfDays(batch.name, i + 1, days.length) : t.batchDay.summary(batch.name),
        description: lines.join('\n'),
        location: batch.venue,
        cancelled: false,
        organizer: organizer(programme),
      };
    });
  }

  function deadlineEvents(p: ProgrammeRow): EventSpec[] {
    const events: EventSpec[] = [];
    const deadline = (key: string, date: string, summary: string, description: string) =>
      events.push({ uid: uid(`programme-${p.id}-${key}`), sequence: p.sequence, modifiedAt: p.updatedAt, when: { allDay: date }, summary, description, location: null, cancelled: false, organizer: organizer(p) });
    if (p.draftDeadline) deadline('draft-deadline', p.draftDeadline, t.deadlines.draftSummary(p.name), t.deadlines.draft(organisation, longDate(p.draftDeadline)));
    if (p.finalDeadline) deadline('final-deadline', p.finalDeadline, t.deadlines.finalSummary(p.name), t.deadlines.final(longDate(p.finalDeadline)));
    return events;
  }

  /**
   * Bookings to show: active ones, and those cancelled or displaced within the last 30 days
   * (or ever). `expiresAt`: when the first of those cancellations passes its 30 days.
   */
  async function bookingEvents(scope: BookingScope, { oldCancellationsToo = false, withTopics = false } = {}): Promise<{ events: EventSpec[]; expiresAt: number }> {
    const visibleSince = oldCancellationsToo ? '' : toStoredInstant(clock.now().minus({ days: CANCELLED_VISIBLE_DAYS }));
    const rows = await repository.bookings(scope, visibleSince);
    let expiresAt = Infinity;
    for (const { booking } of rows)
      if (booking.status !== 'active' && booking.cancelledAt)
        expiresAt = Math.min(expiresAt, parseInstant(booking.cancelledAt).plus({ days: CANCELLED_VISIBLE_DAYS }).toMillis());
    const events = rows.map(({ booking, slot, location, unitName, programme, closedBecause }): EventSpec => {
      const lines = [t.booking.session(unitName, organisation, programme.name), t.booking.when(dateAndTime(slot.date, slot.start, slot.end, programme.timezone))];
      if (location) lines.push(t.place(location));
      // A unit's topic is its own text: shown to it and to the organiser, never published.
      if (booking.topic && withTopics) lines.push(t.booking.topic(booking.topic));
      if (booking.status === 'cancelled') lines.push(t.booking.cancelled);
      if (booking.status === 'displaced') lines.push(t.booking.displaced(organisation, closedBecause));
      return {
        uid: uid(`booking-${booking.id}`),
        sequence: booking.sequence,
        modifiedAt: booking.updatedAt,
        when: { date: slot.date, start: slot.start, end: slot.end, zone: programme.timezone },
        // Outlook shows a cancelled event in a subscribed calendar as if it were on: say so in the title.
        summary: `${booking.status === 'active' ? '' : CANCELLED_PREFIX}${t.booking.summary(unitName)}`,
        description: lines.join('\n'),
        location,
        cancelled: booking.status !== 'active',
        organizer: organizer(programme),
      };
    });
    return { events, expiresAt };
  }

  /**
   * A unit's private feed: the batch days its confirmed officials attend (named), its
   * bookings and walk-ins, and the deadlines of the programmes it takes part in.
   */
  async function unitSource(unit: UnitRow): Promise<FeedSource> {
    // Every enrolment of the unit: confirmed ones name the officials, and any change
    // (a cancellation too) moves the event's LAST-MODIFIED.
    const seats = await repository.seatsOfUnit(unit.id);
    const attending = [...new Set(seats.filter((s) => s.status === 'confirmed').map((s) => s.batchId))];
    const batchRows = await repository.batchesById(attending);
    const walkInRows = await repository.walkInsOfUnit(unit.id);
    const programmeIds = new Set<number>([...batchRows.map((b) => b.programmeId), ...walkInRows.map((w) => w.programmeId), ...await repository.programmeIdsOfUnit(unit.id)]);
    const programmeById = new Map((await repository.programmes([...programmeIds])).map((p) => [p.id, p]));

    const days = await repository.daysOf(batchRows.map((b) => b.id));
    const booked = await bookingEvents({ unitId: unit.id }, { withTopics: true });
    const events: EventSpec[] = [
      ...batchRows.flatMap((b) => {
        const mine = seats.filter((s) => s.batchId === b.id);
        return batchDayEvents(programmeById.get(b.programmeId)!, b, days.get(b.id) ?? [], {
          name: unit.name,
          people: mine.filter((s) => s.status === 'confirmed').map((s) => s.name),
          modifiedAt: latest(...mine.map((s) => s.updatedAt)),
        });
      }),
      ...booked.events,
      ...walkInRows.map(({ walkIn, programmeId }) => {
        const programme = programmeById.get(programmeId)!;
        return {
          uid: uid(`walkin-${walkIn.id}`),
          sequence: 0,
          modifiedAt: walkIn.createdAt,
          when: { allDay: walkIn.date },
          summary: t.walkIn.summary(unit.name),
          description: [t.walkIn.session(unit.name, organisation, programme.name), ...(walkIn.notes ? [walkIn.notes] : [])].join('\n'),
          location: null,
          cancelled: false,
          organizer: organizer(programme),
        };
      }),
      ...[...programmeById.values()].flatMap(deadlineEvents),
    ];
    return {
      meta: { name: t.feeds.unitName(unit.name), description: t.feeds.unitDescription(unit.name) },
      events,
      scopes: CACHED_VIEWS.unitFeed(unit.id, [...programmeById.keys()]),
      expiresAt: booked.expiresAt,
    };
  }

  async function programmeSource(programme: ProgrammeRow): Promise<FeedSource> {
    const batchRows = await repository.batchesOfProgramme(programme.id);
    const days = await repository.daysOf(batchRows.map((b) => b.id));
    const periodIds = await repository.periodIdsOfProgramme(programme.id);
    const booked = periodIds.length ? await bookingEvents({ periodIds }) : { events: [], expiresAt: Infinity };
    return {
      meta: { name: programme.name, description: t.feeds.programmeDescription(programme.name) },
      events: [...batchRows.flatMap((b) => batchDayEvents(programme, b, days.get(b.id) ?? [])), ...booked.events, ...deadlineEvents(programme)],
      scopes: CACHED_VIEWS.programmeFeed(programme.id),
      expiresAt: booked.expiresAt,
    };
  }

  /** A booking's event exactly as its unit's feed shows it (same UID and SEQUENCE), whatever its status. */
  async function bookingEvent(bookingId: number): Promise<EventSpec | undefined> {
    return (await bookingEvents({ bookingId }, { oldCancellationsToo: true, withTopics: true })).events[0];
  }

  /** A unit's events for one batch's days, as its feed shows them: none unless it has confirmed officials there. */
  async function unitBatchEvents(unitId: number, batchId: number): Promise<EventSpec[]> {
    const batch = await repository.batch(batchId);
    const unit = await units.get(unitId);
    const mine = (await repository.seatsOfUnit(unitId)).filter((s) => s.batchId === batchId);
    const people = mine.filter((s) => s.status === 'confirmed').map((s) => s.name);
    if (!batch || people.length === 0) return [];
    const programme = (await repository.programme(batch.programmeId))!;
    return batchDayEvents(programme, batch, (await repository.daysOf([batchId])).get(batchId) ?? [], { name: unit.name, people, modifiedAt: latest(...mine.map((s) => s.updatedAt)) });
  }

  const renderer = new FeedRenderer(deps.cacheBytes);

  /**
   * Serves a feed from memory while nothing it shows changed; otherwise rebuilds it. The source
   * and its versions are read on one snapshot (`uow.read`), so they agree: a change committed
   * between the two reads would otherwise be in the versions and not in the feed, which would
   * then be served as fresh until the next change.
   */
  async function serve(feedKey: string, filename: string, load: () => Promise<FeedSource>): Promise<Feed> {
    const cached = await renderer.fresh(feedKey, versions.signatureOf, clock.now().toMillis());
    if (cached) return { ...cached, filename };
    const { source, signature } = await uow.read(async () => {
      const source = await load();
      return { source, signature: await versions.signatureOf(source.scopes) };
    });
    const feed = await renderer.build(feedKey, { scopes: source.scopes, signature, expiresAt: source.expiresAt }, source.meta, source.events);
    return { ...feed, filename };
  }

  async function publicProgramme(id: number): Promise<ProgrammeRow> {
    const programme = await repository.programme(id);
    // A switched-off feed is indistinguishable from a missing one.
    if (!programme || !programme.publicCalendar) throw notFound('calendar', id);
    return programme;
  }

  return {
    /** Public feed: every batch day, active and recently cancelled bookings, and the deadlines. */
    async programmeFeed(id: number): Promise<Feed> {
      await knowDeployment();
      // A cached feed is still right while its versions hold, and switching the feed off
      // raises them: an unchanged feed is served without reading the programme.
      return serve(`programme:${id}`, `programme-${id}.ics`, async () => await programmeSource(await publicProgramme(id)));
    },

    /** Public feed of one batch's days. */
    async batchFeed(id: number): Promise<Feed> {
      await knowDeployment();
      return serve(`batch:${id}`, `batch-${id}.ics`, async () => {
        const batch = await repository.batch(id);
        if (!batch) throw notFound('calendar', id);
        const programme = await publicProgramme(batch.programmeId);
        return {
          meta: { name: t.feeds.batchName(batch.name), description: t.feeds.batchDescription(batch.name, programme.name) },
          events: batchDayEvents(programme, batch, (await repository.daysOf([id])).get(id) ?? []),
          scopes: CACHED_VIEWS.batchFeed(programme.id),
          expiresAt: Infinity,
        };
      });
    },

    /**
     * A unit's private feed: the batch days its confirmed officials attend (named), its
     * bookings and walk-ins, and the deadlines of the programmes it takes part in.
     */
    async unitFeed(token: string): Promise<Feed> {
      await knowDeployment();
      const hash = tokenHashOf(token);
      const unit = hash === undefined ? undefined : await units.byCalendarTokenHash(hash);
      if (!unit) {
        if (hash !== undefined && await units.isRevokedCalendarToken(hash)) throw replacedAddress('the unit');
        throw notFound('calendar', 'for this address');
      }
      return serve(`unit:${unit.id}`, `unit-${unit.code}.ics`, async () => await unitSource(unit));
    },

    /**
     * The partner's private feed: every session of the programmes the governments below this
     * one made it partner in, with the UIDs of those governments' own feeds, each title naming
     * whose session it is. Built anew for each request (it reads other governments' data, whose
     * changes this one's versions do not see); the fragments are kept.
     */
    async partnerFeed(token: string): Promise<Feed> {
      const hash = tokenHashOf(token);
      const address = hash === undefined ? undefined : await deps.partnerSessions.feedAddress(hash);
      if (address === 'replaced') throw replacedAddress('the organisers');
      if (address === undefined) throw notFound('calendar', 'for this address');
      const events = (await deps.partnerSessions.events()).flatMap(({ government, events }) => events.map((e) => ({ ...e, summary: t.feeds.ofGovernment(e.summary, government) })));
      const me = await deps.partnerSessions.government();
      const feed = await renderer.build('partner', null, { name: t.feeds.partnerName(me), description: t.feeds.partnerDescription(me) }, events);
      return { ...feed, filename: 'asistensi-mitra.ics' };
    },

    /** The sessions of a programme's periods as its feed shows them, topics too: what its asistensi partner's feed shows. */
    async sessionEvents(programmeId: number): Promise<EventSpec[]> {
      await knowDeployment();
      const periodIds = await repository.periodIdsOfProgramme(programmeId);
      return periodIds.length ? (await bookingEvents({ periodIds }, { withTopics: true })).events : [];
    },

    /** Creates or replaces this government's partner feed address; the old one stops working at once. */
    async issuePartnerToken(actor: Actor) {
      requireOrganiser(actor);
      const token = randomSecret();
      await deps.partnerSessions.replaceFeedAddress(actor, hashSecret(token));
      return addressesOf(urls.partnerFeed(token));
    },

    /** One booking as a calendar file, for its unit or an organiser. */
    async bookingFile(actor: Actor, id: number): Promise<Feed> {
      await knowDeployment();
      const unitId = await repository.bookingUnit(id);
      if (unitId === undefined || !canActForUnit(actor, unitId)) throw notFound('booking', id);
      // Its own file says it was cancelled, however long ago.
      const [event] = (await bookingEvents({ bookingId: id }, { oldCancellationsToo: true, withTopics: true })).events;
      const body = renderEventFile(event!);
      return { body, etag: etagOf(body), lastModified: event!.modifiedAt, filename: `booking-${id}.ics` };
    },

    // The emails' invitations: with the feeds' UIDs, so the deployment's id is read first.
    async bookingEvent(bookingId: number): Promise<EventSpec | undefined> {
      await knowDeployment();
      return await bookingEvent(bookingId);
    },

    async unitBatchEvents(unitId: number, batchId: number): Promise<EventSpec[]> {
      await knowDeployment();
      return await unitBatchEvents(unitId, batchId);
    },

    /**
     * A unit's batch days as cancelled events (METHOD:CANCEL), for a unit none of whose
     * officials attends the batch any more: the same UIDs and SEQUENCE as the feeds'.
     */
    async unitBatchCancellations(unitId: number, batchId: number): Promise<EventSpec[]> {
      await knowDeployment();
      const batch = await repository.batch(batchId);
      if (!batch) return [];
      const programme = (await repository.programme(batch.programmeId))!;
      const mine = (await repository.seatsOfUnit(unitId)).filter((s) => s.batchId === batchId);
      const modifiedAt = latest(batch.updatedAt, ...mine.map((s) => s.updatedAt));
      return batchDayEvents(programme, batch, (await repository.daysOf([batchId])).get(batchId) ?? []).map((e) => ({ ...e, modifiedAt, summary: `${CANCELLED_PREFIX}${e.summary}`, cancelled: true }));
    },

    /**
     * Cancellations of batch days that no longer exist: day numbers past the batch's last day
     * (the batch now has fewer days), or every day of a batch that was removed (`removed`: its
     * frozen name, venue and SEQUENCE, raised by one as the feeds would have).
     */
    async goneBatchDays(programmeId: number, batchId: number, days: readonly { date: string; start: string; end: string }[], firstDay: number, removed?: { name: string; venue: string | null; sequence: number }): Promise<EventSpec[]> {
      await knowDeployment();
      const programme = await repository.programme(programmeId);
      const batch = removed ? undefined : await repository.batch(batchId);
      if (!programme || (!removed && !batch)) return [];
      const name = removed?.name ?? batch!.name;
      const total = firstDay - 1 + days.length;
      return days.map((day, i) => ({
        uid: uid(`batch-${batchId}-day-${firstDay + i}`),
        sequence: removed ? removed.sequence + 1 : batch!.sequence,
        modifiedAt: toStoredInstant(clock.now()),
        when: { date: day.date, start: day.start, end: day.end, zone: programme.timezone },
        summary: `${CANCELLED_PREFIX}${total > 1 ? t.batchDay.summaryOfDays(name, firstDay + i, total) : t.batchDay.summary(name)}`,
        description: [t.batchDay.workshop(programme.name), t.batchDay.day(name, firstDay + i, total, dateAndTime(day.date, day.start, day.end, programme.timezone)), t.booking.cancelled].join('\n'),
        location: removed ? removed.venue : batch!.venue,
        cancelled: true,
        organizer: organizer(programme),
      }));
    },

    /**
     * A unit's events from `fromDate` on that a change of a period (its active bookings there)
     * or of a programme (its active bookings and the days of the batches its officials attend)
     * moves: as its feed shows them, with the raised SEQUENCE.
     */
    async unitEventsOf(unitId: number, scope: { periodId: number } | { programmeId: number }, fromDate: string): Promise<EventSpec[]> {
      await knowDeployment();
      const periodIds = 'periodId' in scope ? [scope.periodId] : await repository.periodIdsOfProgramme(scope.programmeId);
      const booked = periodIds.length
        ? await mapInOrder(
            (await repository.bookings({ periodIds }, toStoredInstant(clock.now()))).filter(({ booking, slot }) => booking.unitId === unitId && booking.status === 'active' && slot.date >= fromDate),
            async ({ booking }) => (await bookingEvent(booking.id))!,
          )
        : [];
      if ('periodId' in scope) return sortEvents(booked);
      const seats = (await repository.seatsOfUnit(unitId)).filter((s) => s.status === 'confirmed');
      const attended = (await repository.batchesById([...new Set(seats.map((s) => s.batchId))])).filter((b) => b.programmeId === scope.programmeId);
      const days = (await flatMapInOrder(attended, async (b) => await unitBatchEvents(unitId, b.id))).filter((e) => 'date' in e.when && e.when.date >= fromDate);
      return sortEvents([...days, ...booked]);
    },

    /** Creates or replaces the unit's feed token; the old address stops working at once. */
    async issueToken(actor: Actor, unitId: number) {
      await knowDeployment();
      if (!canActForUnit(actor, unitId)) throw notFound('unit', unitId);
      const token = randomSecret();
      await units.setCalendarToken(actor, unitId, hashSecret(token));
      return addressesOf(urls.unitFeed(token));
    },
  };
}
