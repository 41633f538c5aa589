import type { ComponentChildren } from 'preact';
import { formatBytes, formatDate, formatInstant, formatTimeRange } from '../../platform/format';
import type { PageContext } from '../../web/context';
import { componentsText } from './components.text';

/** "Senin, 21 Oktober 2013, 09.00–11.00 WITA": a session as people read it. */
export const sessionWhen = (ctx: PageContext, slot: { date: string; start: string; end: string }, zone: string) =>
  `${formatDate(slot.date, ctx.lang)}, ${formatTimeRange(slot.start, slot.end, zone, ctx.lang)}`;

/** "Senin, 21 Oktober 2013, 09.00 WITA": an instant as people in `zone` read it. */
export const when = (ctx: PageContext, iso: string, zone: string) => formatInstant(iso, zone, ctx.lang);

/** The tabs of a unit's programme pages. */
export function ProgrammeTabs({ ctx, programmeId, current }: { ctx: PageContext; programmeId: number; current: 'angkatan' | 'draf' | 'asistensi' }) {
  const t = componentsText[ctx.lang];
  const slugs = ['angkatan', 'draf', 'asistensi'] as const;
  return (
    <nav class="tabs" aria-label={t.tabsLabel}>
      <ul class="tabs__list">
        {slugs.map((slug) => (
          <li>
            <a href={`/unit/program/${programmeId}/${slug}`} aria-current={slug === current ? 'page' : undefined}>
              {t.tabs[slug]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A batch's days and venue, as every page that shows a batch lists them. */
export function BatchDays({ ctx, batch, zone }: { ctx: PageContext; batch: { days: { date: string; start: string; end: string }[]; venue: string | null }; zone: string }) {
  return (
    <>
      <ul>
        {batch.days.map((day) => (
          <li>{sessionWhen(ctx, day, zone)}</li>
        ))}
      </ul>
      {batch.venue && (
        <p>
          {componentsText[ctx.lang].venue}: {batch.venue}
        </p>
      )}
    </>
  );
}

/** A fieldset of numbered lines (the days of a batch, the sessions of a day), each a row of fields. */
export function NumberedLines({ name, legend, hint, count, line }: { name: string; legend: string; hint: string; count: number; line: (n: number) => ComponentChildren }) {
  return (
    <fieldset class="checkboxes" aria-describedby={`${name}-hint`}>
      <legend>{legend}</legend>
      <p class="field__hint" id={`${name}-hint`}>
        {hint}
      </p>
      {Array.from({ length: count }, (_, i) => i + 1).map((n) => (
        <div class="day-row">{line(n)}</div>
      ))}
    </fieldset>
  );
}

/** One day of an asistensi period: its date as a heading, its slots (SlotLine), then what may be done with the day. */
export function SlotDay(props: { ctx: PageContext; id: string; date: string; level?: 3 | 4; children: ComponentChildren; actions?: ComponentChildren }) {
  const Heading = props.level === 3 ? 'h3' : 'h4';
  return (
    <section class="grid-day" aria-labelledby={props.id}>
      <Heading class="grid-day__title" id={props.id}>
        {formatDate(props.date, props.ctx.lang)}
      </Heading>
      <ul class="grid-day__slots">{props.children}</ul>
      {props.actions}
    </section>
  );
}

/** A slot of a day: its time, its state in words (`free`, `taken`, `closed` or the reader's `own` colours it), then anything else it shows. */
export function SlotLine(props: { ctx: PageContext; slot: { start: string; end: string }; zone: string; state: 'free' | 'taken' | 'closed' | 'own'; label: string; id?: string; children?: ComponentChildren }) {
  return (
    <li class={`slot slot--${props.state}`} id={props.id}>
      <span class="slot__time">{formatTimeRange(props.slot.start, props.slot.end, props.zone, props.ctx.lang)}</span>
      <span class="slot__state">{props.label}</span>
      {props.children}
    </li>
  );
}

/** A draft's document as a download link with its size, or a dash when it came without one. */
export function DocumentLink({ ctx, draft }: { ctx: PageContext; draft: { id: number; document: { name: string; size: number } | null } }) {
  if (!draft.document) return <>{ctx.t.common.none}</>;
  return (
    <a href={`/dokumen/draf/${draft.id}`} download={draft.document.name}>
      {componentsText[ctx.lang].download(draft.document.name)} ({formatBytes(draft.document.size, ctx.lang)})
    </a>
  );
}
