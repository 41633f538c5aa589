import { toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { HolidaysService } from '../holidays/holidays.service';
import { nextWorkingDay, nonWorking } from '../holidays/holidays.rules';
import type { NewNotice, OutboxService } from '../outbox/outbox.service';
import type { NoticesRepository } from './notices.repository';
import { filterInOrder } from '../../platform/in-order';

/** Reminders and the daily summary are written from this hour (local time) on. */
export const MORNING_HOUR = 7;

export type NoticeScheduler = ReturnType<typeof createNoticeScheduler>;

/**
 * Writes the notices nobody's change writes: reminders the working day before each session and
 * batch day, and the organisers' daily summary. The delivery worker calls it once a minute.
 */
export function createNoticeScheduler(deps: {
  repository: NoticesRepository;
  outbox: Pick<OutboxService, 'exists' | 'record' | 'anyoneWants'>;
  uow: UnitOfWork;
  clock: Clock;
  holidays: Pick<HolidaysService, 'between'>;
  /** The organisers' zone: when their day starts and ends. */
  defaultZone: string;
}) {
  const { repository, outbox, uow, clock } = deps;

  /**
   * Writes the reminders due now: on a working day, from MORNING_HOUR in the programme's
   * zone, for every session and batch day after today up to and including the next working
   * day (a Monday session is reminded on Friday). Each is written once (a dedupe key): the
   * scan reads outside any transaction and writes only what is missing.
   */
  async function scheduleReminders(): Promise<number> {
    const now = clock.now();
    const { days: holidays } = await deps.holidays.between(now.minus({ days: 1 }).toISODate()!, now.plus({ days: 40 }).toISODate()!);
    const missing: NewNotice[] = [];
    const add = async (notice: NewNotice & { dedupeKey: string }) => {
      if (!await outbox.exists(notice.facts.kind, notice.dedupeKey)) missing.push(notice);
    };
    for (const zone of await repository.zones()) {
      const local = now.setZone(zone);
      const today = local.toISODate()!;
      if (local.hour < MORNING_HOUR || nonWorking(today, holidays)) continue;
      const from = local.plus({ days: 1 }).toISODate()!;
      const until = nextWorkingDay(today, (date) => nonWorking(date, holidays) !== undefined);
      for (const b of await repository.bookingsBetween(zone, from, until))
        await add({
          facts: { kind: 'reminder_booking', bookingId: b.bookingId, periodId: b.periodId, slot: { date: b.date, start: b.start, end: b.end } },
          to: { unitId: b.unitId },
          programmeId: b.programmeId,
          dedupeKey: `booking-${b.bookingId}@${b.date}T${b.start}`,
        });
      for (const d of await repository.batchDaysBetween(zone, from, until))
        await add({
          facts: { kind: 'reminder_batch_day', batchId: d.batchId, day: d.day, date: d.date, officials: d.officials },
          to: { unitId: d.unitId },
          programmeId: d.programmeId,
          dedupeKey: `batch-${d.batchId}-unit-${d.unitId}@${d.date}`,
        });
    }
    if (missing.length === 0) return 0;
    return await uow.write(async () => (await filterInOrder(missing, async (notice) => await outbox.record(notice) !== undefined)).length);
  }

  /** From MORNING_HOUR in the organisers' zone: yesterday's new drafts, requests and cancellations, to those who asked. */
  async function scheduleSummary(): Promise<boolean> {
    const local = clock.now().setZone(deps.defaultZone);
    if (local.hour < MORNING_HOUR) return false;
    const start = local.startOf('day').minus({ days: 1 });
    const date = start.toISODate()!;
    const dedupeKey = `summary@${date}`;
    if (await outbox.exists('summary_daily', dedupeKey) || !await outbox.anyoneWants({ organisers: true }, 'summary_daily')) return false;
    const activity = await repository.activityBetween(toStoredInstant(start), toStoredInstant(start.plus({ days: 1 })));
    if (activity.drafts.length + activity.requests.length + activity.cancellations.length === 0) return false;
    return await uow.write(async () => await outbox.record({ facts: { kind: 'summary_daily', date, ...activity }, to: { organisers: true }, dedupeKey }) !== undefined);
  }

  return { scheduleReminders, scheduleSummary };
}
