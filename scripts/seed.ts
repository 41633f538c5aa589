import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../src/db/client';
import { apiKeys, participants, programmes } from '../src/db/schema';
import { systemActor } from '../src/modules/auth/actor';
import type { Services } from '../src/services';
import { DEMO_BATCHES, DEMO_PROGRAMME, DEMO_UNITS, demoParticipants } from './demo-data';

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

  for (const old of db.select().from(apiKeys).where(and(eq(apiKeys.label, DEMO_KEY_LABEL), isNull(apiKeys.revokedAt))).all())
    services.keys.revoke(actor, old.id);
  const key = services.keys.create(actor, { role: 'organiser', label: DEMO_KEY_LABEL }).key;
  return { programmeId: programme.id, placed: distribution.assignments.length, unplaced: distribution.unplaced.length, key };
}
