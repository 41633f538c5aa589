import type { NonWorking } from '../../../features/holidays/holidays.rules';
import { formatDate, zoneName } from '../../../platform/format';
import { Checkbox, Field, type FormProblem, type Typed } from '../../../web/components/form';
import type { PageContext } from '../../../web/context';
import { BackLink, Csrf, Layout } from '../../../web/layout';
import { NumberedLines } from '../../shared/components.view';
import { closedReason, MonthCalendar } from '../../shared/month-calendar.view';
import { asistensiConsoleText } from './asistensi.text';

/** What was typed into a form, to put back after a refusal (the forms reader's Typed, structurally). */

/** Lines for sessions on the form. */
export const SLOT_LINES = 3;
/** The period's booking windows, typed as local date-times in the programme's zone. */
export const WINDOWS = ['bookingOpensAt', 'priorityUntil', 'bookingClosesAt'] as const;

/** What the list and the form show of a period (the periods service's view, structurally). */
export interface PeriodSummary {
  id: number;
  name: string;
  workingDays: number;
  startDate: string;
  endDate: string;
}

export function PeriodsPage({ ctx, programme, periods, notice }: { ctx: PageContext; programme: { id: number; name: string }; periods: PeriodSummary[]; notice?: string }) {
  const t = asistensiConsoleText[ctx.lang];
  return (
    <Layout ctx={ctx} title={`${t.title} · ${programme.name}`} notice={notice}>
      <BackLink href={`/organisasi/program/${programme.id}`} label={programme.name} />
      <h1>{t.title}</h1>
      {periods.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <ul>
          {periods.map((p) => (
            <li>
              <a href={`/organisasi/asistensi/${p.id}`}>{p.name}</a>: {t.workingList(p.workingDays, formatDate(p.startDate, ctx.lang), formatDate(p.endDate, ctx.lang))}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a class="button" href={`/organisasi/program/${programme.id}/asistensi/baru`}>
          {t.add}
        </a>
      </p>
    </Layout>
  );
}

/** A dry run of the new period: the days it uses, and every day between them it skips and why. */
export interface PeriodPreview extends PeriodSummary {
  provisionalYears: readonly number[];
  workingDates: string[];
  /** A skipped day: the organiser's own closure (its reason), else a holiday or weekend. */
  skipped: { date: string; own: string | null; closed: NonWorking | null }[];
  months: { month: string; closed: NonWorking[] }[];
}

export function PeriodFormPage(props: {
  ctx: PageContext;
  programme: { id: number; name: string; timezone: string };
  typed: Typed;
  problem?: FormProblem;
  preview?: PeriodPreview;
  /** The first day typed is before today in the programme's zone: creating it asks for a confirmation. */
  past?: boolean;
}) {
  const { ctx, programme, typed, problem, preview } = props;
  const t = asistensiConsoleText[ctx.lang];
  const value = (name: string) => {
    const typedValue = typed[name];
    return typeof typedValue === 'string' ? typedValue : '';
  };
  const windowLabels = { bookingOpensAt: t.opensAt, priorityUntil: t.priorityUntil, bookingClosesAt: t.closesAt } satisfies Record<(typeof WINDOWS)[number], string>;
  return (
    <Layout ctx={ctx} title={`${t.newTitle} · ${programme.name}`} problem={problem}>
      <BackLink href={`/organisasi/program/${programme.id}/asistensi`} label={t.title} />
      <h1>{t.newTitle}</h1>
      {preview && (
        <section aria-labelledby="preview">
          <h2 id="preview">{t.previewTitle}</h2>
          <p>{t.workingList(preview.workingDays, formatDate(preview.startDate, ctx.lang), formatDate(preview.endDate, ctx.lang))}</p>
          {preview.provisionalYears.length > 0 && <p class="warning-text">{t.provisional(preview.provisionalYears.join(', '))}</p>}
          <h3>{t.skipped}</h3>
          {preview.skipped.length === 0 ? (
            <p>{t.noneSkipped}</p>
          ) : (
            <ul>
              {preview.skipped.map((day) => (
                <li>
                  {formatDate(day.date, ctx.lang)}: {day.own ?? (day.closed ? closedReason(ctx, day.closed) : '')}
                </li>
              ))}
            </ul>
          )}
          {preview.months.map((m) => (
            <MonthCalendar ctx={ctx} month={m.month} closed={m.closed} chosen={preview.workingDates} />
          ))}
        </section>
      )}
      <form method="post" action={`/organisasi/program/${programme.id}/asistensi/baru`} class="form" novalidate>
        <Csrf ctx={ctx} />
        <Field name="name" label={t.name} value={value('name')} problem={problem} required />
        <Field name="startDate" label={t.startDate} type="date" value={value('startDate')} problem={problem} width="medium" required />
        {props.past && (
          <Checkbox name="confirmPast" label={t.confirmPast(formatDate(value('startDate'), ctx.lang))} hint={t.pastHint} checked={typed.confirmPast === 'true'} problem={problem} />
        )}
        <Field name="workingDays" label={t.workingDays} type="number" inputMode="numeric" min={1} max={120} value={value('workingDays')} problem={problem} width="short" />
        <NumberedLines
          name="slots"
          legend={t.slots}
          hint={t.slotsHint}
          count={SLOT_LINES}
          line={(n) => (
            <>
              <Field name={`slotStart-${n}`} label={t.slotStart(n)} value={value(`slotStart-${n}`)} problem={problem} width="short" />
              <Field name={`slotEnd-${n}`} label={t.slotEnd(n)} value={value(`slotEnd-${n}`)} problem={problem} width="short" />
            </>
          )}
        />
        <Field name="location" label={t.location} hint={t.locationHint(ctx.organisation)} optionalLabel={ctx.t.common.optional} value={value('location')} problem={problem} />
        {WINDOWS.map((name) => (
          <Field
            name={name}
            label={windowLabels[name]}
            hint={t.windowHint(zoneName(programme.timezone))}
            // Field's type union has no datetime-local (a date and a time in one input).
            type={'datetime-local' as 'text'}
            value={value(name)}
            problem={problem}
            width="medium"
          />
        ))}
        <Field name="cancelNoticeHours" label={t.notice} type="number" inputMode="numeric" min={0} max={720} value={value('cancelNoticeHours')} problem={problem} width="short" />
        <Checkbox name="skipWeekends" label={t.skipWeekends} checked={typed.skipWeekends === 'true'} />
        <Checkbox name="useNationalHolidays" label={t.useNationalHolidays} checked={typed.useNationalHolidays === 'true'} />
        <div class="button-row">
          <button type="submit" name="aksi" value="pratinjau" class="button button--secondary">
            {t.preview}
          </button>
          <button type="submit" name="aksi" value="simpan" class="button">
            {t.create}
          </button>
        </div>
      </form>
    </Layout>
  );
}
