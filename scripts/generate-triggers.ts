/**
 * Writes every trigger declared in code (src/features/triggers.ts: the features' invariants,
 * data versions and iCalendar SEQUENCE rules) into migrations/repeatable/triggers.sql, and
 * their PostgreSQL form into migrations/pg/repeatable/triggers.sql. Run it after changing a
 * declaration; the next start re-creates the triggers (npm run db:triggers).
 */
import fs from 'node:fs';
import path from 'node:path';
import { TRIGGERS } from '../src/features/triggers';
import { TRIGGERS_FILE } from '../src/platform/migrations';
import { PG_TRIGGERS_FILE } from '../src/platform/pg-migrations';
import { renderPgTriggers, renderTriggers } from '../src/platform/triggers';

for (const [file, sql] of [
  [TRIGGERS_FILE, renderTriggers(TRIGGERS)],
  [PG_TRIGGERS_FILE, renderPgTriggers(TRIGGERS)],
] as const) {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === sql) {
    console.error(`${path.relative(process.cwd(), file)} already matches the declarations; nothing to do`);
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, sql);
    console.log(path.relative(process.cwd(), file));
  }
}
