import { systemActor } from '../src/platform/actor';
import type { Container } from '../src/container';
import { DEMO_BATCHES, DEMO_DRAFTS, DEMO_PERIOD, DEMO_PROGRAMME, DEMO_REQUESTS, DEMO_UNITS, DEMO_WALK_IN, demoParticipants } from './demo-data';

const DEMO_KEY_LABEL = 'Bagian Organisasi (demo)';
const actor = systemActor;

/**
 * Loads the Banjarmasin 2013 scenario through the services (so every rule and the audit log
 * apply). Idempotent: units are matched by code, officials by NIP, the programme by name and
 * batches by name; the previous demo key is revoked and a fresh one returned.
 */
export async function seedDemo(services: Container) {
  const csv = ['code,name,kind,email', ...DEMO_UNITS.map((u) => `${u.code},"${u.name}",${u.kind},`)].join('\n');
  await services.units.importCsv(actor, csv);
  const unitIds = new Map(DEMO_UNITS.map((u) => [u.code, services.units.getByCode(u.code)!.id]));

  const knownNips = new Set([...unitIds.values()].flatMap((unitId) => services.participants.list(actor, { unitId, limit: 1000, offset: 0 }).map((p) => p.nip)));
  for (const person of demoParticipants()) {
    if (knownNips.has(person.nip)) continue;
    const { unitCode, ...fields } = person;
    services.participants.create(actor, { ...fields, unitId: unitIds.get(unitCode)! });
  }

  const programme = services.programmes.byName(DEMO_PROGRAMME.name) ?? services.programmes.create(actor, DEMO_PROGRAMME);
  const batchNames = new Set(services.batches.listForProgramme(programme.id).map((b) => b.name));
  for (const batch of DEMO_BATCHES) if (!batchNames.has(batch.name)) services.batches.create(actor, programme.id, batch);
  const distribution = services.enrolments.distribute(actor, programme.id, {});
  const periodId = seedAsistensi(services, programme.id, unitIds);

  for (const old of services.access.list()) if (old.label === DEMO_KEY_LABEL && !old.revokedAt) services.access.revoke(actor, old.id);
  const key = services.access.create(actor, { role: 'organiser', label: DEMO_KEY_LABEL }).key;
  return { programmeId: programme.id, periodId, placed: distribution.assignments.length, unplaced: distribution.unplaced.length, key };
}

/** The asistensi period with drafts, bookings for the draft senders, requests and a walk-in. */
function seedAsistensi(services: Container, programmeId: number, unitIds: Map<string, number>): number {
  const periodId = services.periods.byName(programmeId, DEMO_PERIOD.name)?.id ?? services.periods.create(actor, programmeId, DEMO_PERIOD).id;

  const withDraft = new Set(services.drafts.list(actor, programmeId).map((d) => d.unitId));
  for (const d of DEMO_DRAFTS) {
    const unitId = unitIds.get(d.unitCode)!;
    if (!withDraft.has(unitId)) services.drafts.create(actor, programmeId, { unitId, title: `Draft SOP ${d.unitCode}`, sopCount: d.sopCount, receivedAt: d.receivedAt });
  }

  // Draft senders before the cutoff booked in draft order, one slot each from the first day.
  const booked = new Set(services.bookings.list(actor, periodId).map((b) => b.unitId));
  const open = services.bookings.listSlots(actor, periodId, { status: 'open' });
  const early = DEMO_DRAFTS.filter((d) => d.receivedAt < DEMO_PERIOD.priorityCutoff);
  early.forEach((d, i) => {
    const unitId = unitIds.get(d.unitCode)!;
    if (!booked.has(unitId) && open[i]) services.bookings.book(actor, periodId, { unitId, slotId: open[i]!.id, topic: `Asistensi draft SOP ${d.unitCode}` });
  });

  const requested = new Set(services.requests.list(actor, periodId).map((r) => r.unitId));
  for (const r of DEMO_REQUESTS) {
    const unitId = unitIds.get(r.unitCode)!;
    if (!requested.has(unitId)) services.requests.request(actor, periodId, { unitId, preferredDates: r.preferredDates });
  }
  const walkInUnit = unitIds.get(DEMO_WALK_IN.unitCode)!;
  if (!services.walkIns.list(actor, periodId).some((w) => w.unitId === walkInUnit))
    services.walkIns.record(actor, periodId, { unitId: walkInUnit, date: DEMO_WALK_IN.date, notes: DEMO_WALK_IN.notes });
  return periodId;
}
