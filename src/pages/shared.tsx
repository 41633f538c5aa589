import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { Id } from '../platform/schemas';
import type { ComponentChildren } from 'preact';
import type { FastifyRequest } from 'fastify';
import type { PageContext } from '../web/context';
import { formatDate, formatInstant, formatTimeRange } from '../platform/format';

/** The sentence a `?ok=` code stands for: only known codes, so nothing typed into a URL is ever shown. */
export function flashOf(request: FastifyRequest): string | undefined {
  const ok = (request.query as { ok?: unknown }).ok;
  return typeof ok === 'string' ? request.page.t.flash[ok] : undefined;
}

/** The signed-in person's actor (routes are guarded by signedIn()). */
export const actorOf = (request: FastifyRequest) => request.page.signedIn!.actor;

/** The signed-in unit operator's actor and unit (routes are guarded by signedIn('unit')). */
export function operatorOf(request: FastifyRequest) {
  return { actor: actorOf(request), unitId: request.page.signedIn!.user.unitId! };
}

/** Path parameters of the pages are ids: anything else is a page that does not exist (404). */
export const IdParams = Type.Object({ id: Id });
export const ProgrammeParams = Type.Object({ programmeId: Id });

/** "Senin, 21 Oktober 2013, 09.00–11.00 WITA": a session as people read it. */
export const sessionWhen = (ctx: PageContext, slot: { date: string; start: string; end: string }, zone: string) =>
  `${formatDate(slot.date, ctx.lang)}, ${formatTimeRange(slot.start, slot.end, zone, ctx.lang)}`;

export const when = (ctx: PageContext, iso: string, zone: string) => formatInstant(iso, zone, ctx.lang);

/** The tabs of a unit's programme pages. */
export function ProgrammeTabs({ ctx, programmeId, current }: { ctx: PageContext; programmeId: number; current: 'angkatan' | 'draf' | 'asistensi' }) {
  const tabs = [
    ['angkatan', ctx.t.enrolment.title],
    ['draf', ctx.t.drafts.title],
    ['asistensi', ctx.t.asistensi.title],
  ] as const;
  return (
    <nav class="tabs" aria-label={ctx.t.nav.portal}>
      <ul class="tabs__list">
        {tabs.map(([slug, label]) => (
          <li>
            <a href={`/unit/program/${programmeId}/${slug}`} aria-current={slug === current ? 'page' : undefined}>
              {label}
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
          {ctx.t.enrolment.venue}: {batch.venue}
        </p>
      )}
    </>
  );
}

/**
 * A plan's fingerprint: the preview page posts it back, and the save goes ahead only if the plan
 * computed then is the one the organiser saw (else the new plan is shown first).
 */
export const fingerprintOf = (plan: unknown) => createHash('sha256').update(JSON.stringify(plan)).digest('hex').slice(0, 32);

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
