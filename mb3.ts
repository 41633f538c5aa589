import Database from 'better-sqlite3';
const d = new Database('/tmp/scale.db');
const time = (name: string, fn: () => unknown, n = 5000) => { for (let i = 0; i < 300; i++) fn(); const t = performance.now(); for (let i = 0; i < n; i++) fn(); console.log(name, ((performance.now() - t) / n * 1000).toFixed(1), 'µs'); };
const q1 = d.prepare(`select "slots"."id", "slots"."period_id", "slots"."date", "slots"."start_time", "slots"."end_time", "slots"."status", "bookings"."id", "units"."id", "units"."code", "units"."name" from "slots" left join "bookings" on ("bookings"."slot_id" = "slots"."id" and "bookings"."status" = 'active') left join "units" on "units"."id" = "bookings"."unit_id" where ("slots"."period_id" = ? and "slots"."status" IN ('open', 'closed')) order by "slots"."date" asc, "slots"."start_time" asc`).raw();
time('slots join', () => q1.all(3));
const q2 = d.prepare(`select * from slots where period_id = ?`).raw();
time('slots only', () => q2.all(3));
console.log(d.prepare('EXPLAIN QUERY PLAN ' + q1.source).all(3).map((r: any) => r.detail));
console.log(d.pragma('compile_options').filter((o: any) => /STAT|CACHE/.test(o.compile_options)));
