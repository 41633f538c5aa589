/**
 * Writes the upgrade test's fixture with the code it runs in: `<folder>/sop.db` (the demo
 * scenario, an organiser with a password and a live session, an organiser key and a unit key,
 * a unit's calendar address, a draft with a document), `<folder>/documents/` and
 * `<folder>/manifest.json`: the release that made it, its secrets, and what a newer release
 * must still answer the same (row counts, each feed's UIDs and SEQUENCEs, sample records).
 * At each release, run it on the released code and commit the folder under
 * test/fixtures/upgrade/<release>/.
 *   npx tsx scripts/make-upgrade-fixture.ts <folder>
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createContainer } from '../src/container';
import { systemActor } from '../src/platform/actor';
import { openDatabase } from '../src/platform/database';
import { systemClock } from '../src/platform/time';
import { seedDemo } from './seed';

const ORGANISER = { email: 'rina@banjarmasinkota.go.id', name: 'Rina Kartika', password: 'Kayuh Baimbai 2013 upgrade' };
const root = path.join(__dirname, '..');

/** A one-page PDF, small enough to commit. */
const DOCUMENT = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n', 'latin1');

/** Each VEVENT's UID and SEQUENCE, in the order the feed lists them. */
function eventsOf(ics: string): { uid: string; sequence: number }[] {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const events: { uid: string; sequence: number }[] = [];
  let current: { uid: string; sequence: number } | undefined;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = { uid: '', sequence: 0 };
    else if (line === 'END:VEVENT' && current) events.push(current), (current = undefined);
    else if (current && line.startsWith('UID:')) current.uid = line.slice(4);
    else if (current && line.startsWith('SEQUENCE:')) current.sequence = Number(line.slice(9));
  }
  return events;
}

function release() {
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  return { version, commit };
}

async function main(folder: string) {
  if (fs.existsSync(path.join(folder, 'sop.db'))) throw new Error(`${folder}/sop.db exists already`);
  const databasePath = path.join(folder, 'sop.db');
  const config = loadConfig({ DATABASE_PATH: databasePath, DOCUMENTS_PATH: path.join(folder, 'documents'), PUBLIC_BASE_URL: 'http://localhost', LOG_LEVEL: 'silent' });

  // The data, through the services (every rule and the audit log apply).
  const database = openDatabase(databasePath);
  const services = createContainer({ database, clock: systemClock, config });
  const demo = await seedDemo(services);
  const bookings = await services.bookings.list(systemActor, demo.periodId);
  const booking = bookings[0]!;
  // A rescheduled booking: its event's SEQUENCE is above 0, and must stay so.
  const freeSlot = (await services.bookings.listSlots(systemActor, demo.periodId, { status: 'open' })).at(-1)!;
  await services.bookings.reschedule(systemActor, bookings[1]!.id, { slotId: freeSlot.id });
  const bookedUnit = await services.units.get(booking.unitId);
  const organiserKey = (await services.access.create(systemActor, { role: 'organiser', label: 'upgrade fixture' })).key;
  const unitKey = (await services.access.create(systemActor, { role: 'unit', unitId: bookedUnit.id, label: `upgrade fixture ${bookedUnit.code}` })).key;
  const unitFeed = new URL((await services.calendars.issueToken(systemActor, bookedUnit.id)).url).pathname;

  const invited = await services.users.invite(systemActor, { role: 'organiser', email: ORGANISER.email, name: ORGANISER.name });
  await services.sessions.setPassword(invited.setPasswordUrl.split('/').pop()!, ORGANISER.password);
  const { token: sessionToken } = await services.sessions.signIn(ORGANISER.email, ORGANISER.password, { address: '127.0.0.1' });
  const signedIn = (await services.sessions.session(sessionToken))!;
  await services.outbox.setPreferences({ ...signedIn.actor, userId: signedIn.user.id }, 'organiser', ['summary_daily']);

  // A draft with a document, from a unit that has none yet.
  const withDraft = new Set((await services.drafts.list(systemActor, demo.programmeId)).map((d) => d.unitId));
  const documentUnit = (await services.units.list({ limit: 1000, offset: 0 })).find((u) => !withDraft.has(u.id))!;
  const sha256 = createHash('sha256').update(DOCUMENT).digest('hex');
  fs.mkdirSync(services.documents.incoming, { recursive: true });
  const upload = path.join(services.documents.incoming, 'fixture.pdf');
  fs.writeFileSync(upload, DOCUMENT);
  const draft = await services.drafts.create(
    systemActor,
    demo.programmeId,
    { unitId: documentUnit.id, title: `Draft SOP ${documentUnit.code}`, sopCount: 4, document: { name: 'draft-sop.pdf', type: 'pdf', size: DOCUMENT.length, sha256 } },
    () => services.documents.keep(upload, sha256, 'pdf'),
  );
  const firstBatch = (await services.batches.listForProgramme(demo.programmeId))[0]!;
  const enrolment = (await services.enrolments.listForBatch(systemActor, firstBatch.id))[0]!;
  database.close();

  // What the server of this release answers, read through its own routes.
  const app = await buildApp({ config });
  const get = async (url: string, key?: string) => {
    const reply = await app.inject({ method: 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {} });
    if (reply.statusCode !== 200) throw new Error(`GET ${url}: ${reply.statusCode} ${reply.body}`);
    return reply;
  };
  const feeds: Record<string, { uid: string; sequence: number }[]> = {};
  for (const feed of [`/calendars/programmes/${demo.programmeId}.ics`, `/calendars/batches/${firstBatch.id}.ics`, unitFeed]) feeds[feed] = eventsOf((await get(feed)).body);
  const samples = {
    [`/enrolments/${enrolment.id}`]: (await get(`/enrolments/${enrolment.id}`, organiserKey)).json(),
    [`/bookings/${booking.id}`]: (await get(`/bookings/${booking.id}`, organiserKey)).json(),
  };
  await app.close();

  // One self-contained, compact file: the WAL folded in and removed.
  const sqlite = new Database(databasePath);
  sqlite.pragma('journal_mode = DELETE');
  sqlite.exec('VACUUM');
  const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  const rowCounts = Object.fromEntries(tables.map((table) => [table, sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number]));
  sqlite.close();
  fs.rmSync(services.documents.incoming, { recursive: true, force: true });

  const manifest = {
    madeBy: release(),
    madeAt: new Date().toISOString(),
    secrets: {
      organiser: { email: ORGANISER.email, password: ORGANISER.password, sessionToken },
      organiserKey,
      unitKey: { key: unitKey, unitId: bookedUnit.id, periodId: demo.periodId, bookingId: booking.id },
    },
    feeds,
    document: { url: `/drafts/${draft.id}/document`, sha256 },
    samples,
    rowCounts,
  };
  fs.writeFileSync(path.join(folder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.error(`fixture written to ${folder} by ${manifest.madeBy.version} (${manifest.madeBy.commit})`);
}

if (require.main === module) {
  const folder = process.argv[2];
  if (!folder) {
    console.error('usage: make-upgrade-fixture <folder>');
    process.exit(1);
  }
  main(path.resolve(folder)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  });
}
