import { openDatabase } from './src/db/client';
import { createServices } from './src/services';
import { systemClock } from './src/lib/time';
import { systemActor } from './src/modules/auth/actor';
import fs from 'node:fs';
fs.copyFileSync('/tmp/scale.db', '/tmp/scale-copy.db');
const d = openDatabase('/tmp/scale-copy.db');
const s = createServices({ db: d.db, clock: systemClock, baseUrl: 'http://x' });
const periods = d.sqlite.prepare('select id, programme_id from asistensi_periods').all() as any[];
const attempts: any[] = [];
for (const p of periods) {
  const units = d.sqlite.prepare("select u.id from units u where u.code like ?").all(`P${p.programme_id - 1}-U%`) as any[];
  const slots = d.sqlite.prepare('select id from slots where period_id = ?').all(p.id) as any[];
  for (const u of units) attempts.push({ periodId: p.id, unitId: u.id, slotId: slots[Math.floor(Math.random() * slots.length)].id });
}
let ok = 0, fail = 0;
const t = performance.now();
for (const a of attempts) { try { s.bookings.book(systemActor, a.periodId, { unitId: a.unitId, slotId: a.slotId }); ok++; } catch { fail++; } }
console.log(attempts.length, 'attempts', ok, 'ok', ((performance.now() - t) / attempts.length * 1000).toFixed(1), 'µs each');
const people = d.sqlite.prepare("select p.id, b.id batch from participants p join units u on u.id = p.unit_id join programmes pr on pr.name = 'Penyusunan SOP ' || substr(u.code, 2, instr(u.code, '-') - 2) join batches b on b.programme_id = pr.id where not exists (select 1 from enrolments e where e.participant_id = p.id) group by p.id").all() as any[];
const t2 = performance.now(); let eok = 0;
for (const p of people) { try { s.enrolments.enrol(systemActor, p.batch, p.id); eok++; } catch {} }
console.log(people.length, 'enrol attempts', eok, 'ok', ((performance.now() - t2) / people.length * 1000).toFixed(1), 'µs each');
