/**
 * Writes every trigger declared in code (src/features/triggers.ts: the features' invariants,
 * data versions and iCalendar SEQUENCE rules) into migrations/repeatable/triggers.sql. Run it
 * after changing a declaration; the next start re-creates the triggers (npm run db:triggers).
 */
import fs from 'node:fs';
import path from 'node:path';
import { TRIGGERS } from '../src/features/triggers';
import { TRIGGERS_FILE } from '../src/platform/migrations';
import { renderTriggers } from '../src/platform/triggers';

const sql = renderTriggers(TRIGGERS);
if (fs.existsSync(TRIGGERS_FILE) && fs.readFileSync(TRIGGERS_FILE, 'utf8') === sql) {
  console.error(`${path.relative(process.cwd(), TRIGGERS_FILE)} already matches the declarations; nothing to do`);
} else {
  fs.mkdirSync(path.dirname(TRIGGERS_FILE), { recursive: true });
  fs.writeFileSync(TRIGGERS_FILE, sql);
  console.log(path.relative(process.cwd(), TRIGGERS_FILE));
}
