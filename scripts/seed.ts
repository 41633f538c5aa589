import { systemActor } from '../src/platform/actor';
import type { Container } from '../src/container';
import { DEMO_BATCHES, DEMO_DRAFTS, DEMO_PERIOD, DEMO_PROGRAMME, DEMO_REQUESTS, DEMO_UNITS, DEMO_WALK_IN, demoParticipants } from './demo-data';
import { mapInOrder, flatMapInOrder } from '../src/platform/in-order';

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
  const unitIds = new Map(await mapInOrder(DEMO_UNITS, async (u) => [u.code, (await services.units.getByCode(u.code))!.id]));

  const knownNips = new Set(await flatMapInOrder([...unitIds.values()], async (unitId) => (await services.participants.list(actor, { unitId, limit: 1000, offset: 0 })).map((p) => p.nip)));
  for (const person of demoParticipants()) {
    if (knownNips.has(person.nip)) continue;
    const { unitCode, ...fields } = person;
    await services.participants.create(actor, { ...fields, unitId: unitIds.get(unitCode)! });
  }

  const programme = await services.programmes.byName(DEMO_PROGRAMME.name) ?? await services.programmes.create(actor, DEMO_PROGRAMME);
  const batchNames = new Set((await services.batches.listForProgramme(programme.id)).map((b) => b.name));
  for (const batch of DEMO_BATCHES) if (!batchNames.has(batch.name)) await services.batches.create(actor, programme.id, batch);
  const distribution = await services.enrolments.distribute(actor, programme.id, {});
  const periodId = await seedAsistensi(services, programme.id, unitIds);

  for (const old of await services.access.list()) if (old.label === DEMO_KEY_LABEL && !old.revokedAt) await services.access.revoke(actor, old.id);
  const key = (await services.access.create(actor, { role: 'organiser', label: DEMO_KEY_LABEL })).key;
  return { programmeId: programme.id, periodId, placed: distribution.assignments.length, unplaced: distribution.unplaced.length, key };
}

/** The asistensi period with drafts, bookings for the draft senders, requests and a walk-in. */
async function seedAsistensi(services: Container, programmeId: number, unitIds: Map<string, number>): Promise<number> {
  const periodId = (await services.periods.byName(programmeId, DEMO_PERIOD.name))?.id ?? (await services.periods.create(actor, programmeId, DEMO_PERIOD)).id;

  const withDraft = new Set((await services.drafts.list(actor, programmeId)).map((d) => d.unitId));
  for (const d of DEMO_DRAFTS) {
    const unitId = unitIds.get(d.unitCode)!;
    if (!withDraft.has(unitId)) await services.drafts.create(actor, programmeId, { unitId, title: `Draft SOP ${d.unitCode}`, sopCount: d.sopCount, receivedAt: d.receivedAt });
  }

  // Draft senders before the cutoff booked in draft order, one slot each from the first day.
  const booked = new Set((await services.bookings.list(actor, periodId)).map((b) => b.unitId));
  const open = await services.bookings.listSlots(actor, periodId, { status: 'open' });
  const early = DEMO_DRAFTS.filter((d) => d.receivedAt < DEMO_PERIOD.priorityCutoff);
  await mapInOrder(early, async (d, i) => {
    const unitId = unitIds.get(d.unitCode)!;
    if (!booked.has(unitId) && open[i]) await services.bookings.book(actor, periodId, { unitId, slotId: open[i]!.id, topic: `Asistensi draft SOP ${d.unitCode}` });
  });

  const requested = new Set((await services.requests.list(actor, periodId)).map((r) => r.unitId));
  for (const r of DEMO_REQUESTS) {
    const unitId = unitIds.get(r.unitCode)!;
    if (!requested.has(unitId)) await services.requests.request(actor, periodId, { unitId, preferredDates: r.preferredDates });
  }
  const walkInUnit = unitIds.get(DEMO_WALK_IN.unitCode)!;
  if (!(await services.walkIns.list(actor, periodId)).some((w) => w.unitId === walkInUnit))
    await services.walkIns.record(actor, periodId, { unitId: walkInUnit, date: DEMO_WALK_IN.date, notes: DEMO_WALK_IN.notes });
  return periodId;
}
