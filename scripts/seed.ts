import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../src/db/client';
import { apiKeys, asistensiPeriods, asistensiRequests, bookings, drafts, participants, programmes, walkIns } from '../src/db/schema';
import { systemActor } from '../src/modules/auth/actor';
import type { Services } from '../src/services';
import { DEMO_BATCHES, DEMO_DRAFTS, DEMO_PERIOD, DEMO_PROGRAMME, DEMO_REQUESTS, DEMO_UNITS, DEMO_WALK_IN, demoParticipants } from './demo-data';

const DEMO_KEY_LABEL = 'Bagian Organisasi (demo)';

/**
 * Loads the Banjarmasin 2013 scenario through the services (so every rule and the audit log
 * apply). Idempotent: units are matched by code, officials by NIP, the programme by name and
 * batches by name; the previous demo key is revoked and a fresh one returned.
 */
export function seedDemo(db: Db, services: Services) {
  const actor = systemActor;
  const csv = ['code,name,kind,email', ...DEMO_UNITS.map((u) => `${u.code},"${u.name}",${u.kind},`)].join('\n');
  services.units.importCsv(actor, csv);
  const unitIds = new Map(DEMO_UNITS.map((u) => [u.code, services.units.getByCode(u.code)!.id]));

  const knownNips = new Set(db.select({ nip: participants.nip }).from(participants).all().map((p) => p.nip));
  for (const person of demoParticipants()) {
    if (knownNips.has(person.nip)) continue;
    const { unitCode, ...fields } = person;
    services.participants.create(actor, { ...fields, unitId: unitIds.get(unitCode)! });
  }

  const existing = db.select().from(programmes).where(eq(programmes.name, DEMO_PROGRAMME.name)).get();
  const programme = existing ?? services.programmes.create(actor, DEMO_PROGRAMME);
  const batchNames = new Set(services.batches.listForProgramme(programme.id).map((b) => b.name));
  for (const batch of DEMO_BATCHES) if (!batchNames.has(batch.name)) services.batches.create(actor, programme.id, batch);
  const distribution = services.enrolments.distribute(actor, programme.id, {});
  const periodId = seedAsistensi(db, services, programme.id, unitIds);

  for (const old of db.select().from(apiKeys).where(and(eq(apiKeys.label, DEMO_KEY_LABEL), isNull(apiKeys.revokedAt))).all())
    services.keys.revoke(actor, old.id);
  const key = services.keys.create(actor, { role: 'organiser', label: DEMO_KEY_LABEL }).key;
  return { programmeId: programme.id, periodId, placed: distribution.assignments.length, unplaced: distribution.unplaced.length, key };
}

/** The asistensi period with drafts, bookings for the draft senders, requests and a walk-in. */
function seedAsistensi(db: Db, services: Services, programmeId: number, unitIds: Map<string, number>): number {
  const actor = systemActor;
  const existing = db.select().from(asistensiPeriods).where(and(eq(asistensiPeriods.programmeId, programmeId), eq(asistensiPeriods.name, DEMO_PERIOD.name))).get();
  const periodId = existing?.id ?? services.periods.create(actor, programmeId, DEMO_PERIOD).id;

  const withDraft = new Set(db.select({ unitId: drafts.unitId }).from(drafts).where(eq(drafts.programmeId, programmeId)).all().map((d) => d.unitId));
  for (const d of DEMO_DRAFTS) {
    const unitId = unitIds.get(d.unitCode)!;
    if (!withDraft.has(unitId)) services.drafts.create(actor, programmeId, { unitId, title: `Draft SOP ${d.unitCode}`, sopCount: d.sopCount, receivedAt: d.receivedAt });
  }

  // Draft senders before the cutoff booked in draft order, one slot each from the first day.
  const booked = new Set(db.select({ unitId: bookings.unitId }).from(bookings).where(eq(bookings.periodId, periodId)).all().map((b) => b.unitId));
  const open = services.periods.listSlots(actor, periodId, { status: 'open' });
  const early = DEMO_DRAFTS.filter((d) => d.receivedAt < DEMO_PERIOD.priorityCutoff);
  early.forEach((d, i) => {
    const unitId = unitIds.get(d.unitCode)!;
    if (!booked.has(unitId) && open[i]) services.bookings.book(actor, periodId, { unitId, slotId: open[i]!.id, topic: `Asistensi draft SOP ${d.unitCode}` });
  });

  const requested = new Set(db.select({ unitId: asistensiRequests.unitId }).from(asistensiRequests).where(eq(asistensiRequests.periodId, periodId)).all().map((r) => r.unitId));
  for (const r of DEMO_REQUESTS) {
    const unitId = unitIds.get(r.unitCode)!;
    if (!requested.has(unitId)) services.bookings.request(actor, periodId, { unitId, preferredDates: r.preferredDates });
  }
  const walkInUnit = unitIds.get(DEMO_WALK_IN.unitCode)!;
  if (!db.select().from(walkIns).where(and(eq(walkIns.periodId, periodId), eq(walkIns.unitId, walkInUnit))).get())
    services.bookings.walkIn(actor, periodId, { unitId: walkInUnit, date: DEMO_WALK_IN.date, notes: DEMO_WALK_IN.notes });
  return periodId;
}
