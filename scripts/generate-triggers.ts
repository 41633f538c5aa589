/**
 * Writes the triggers declared in src/features/derived-data.ts (data versions for caches,
 * iCalendar SEQUENCE) into a new migration. Run after changing that file, and with --force
 * after a migration that rebuilt a table (rebuilding a table drops its triggers):
 *   npm run db:triggers [-- --force]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DATA_SCOPES, EVENT_SEQUENCES } from '../src/features/derived-data';
import { MIGRATIONS_FOLDER } from '../src/platform/database';
import { renderTriggerMigration, triggerNamesIn } from '../src/platform/triggers';
import { latestGeneratedMigration } from './migrations';

const previous = latestGeneratedMigration();
const sql = renderTriggerMigration(DATA_SCOPES, EVENT_SEQUENCES, previous ? triggerNamesIn(previous.sql) : []);
const force = process.argv.includes('--force');
if (!force && previous && previous.sql === renderTriggerMigration(DATA_SCOPES, EVENT_SEQUENCES, previous.previousNames)) {
  console.error(`${previous.file} already matches the declarations; nothing to do`);
  process.exit(0);
}
const before = new Set(fs.readdirSync(MIGRATIONS_FOLDER));
execFileSync('npx', ['drizzle-kit', 'generate', '--custom', '--name', 'derived_data'], { stdio: ['ignore', 'ignore', 'inherit'] });
const created = fs.readdirSync(MIGRATIONS_FOLDER).find((f) => f.endsWith('.sql') && !before.has(f));
if (!created) throw new Error('drizzle-kit did not create a migration');
fs.writeFileSync(path.join(MIGRATIONS_FOLDER, created), sql);
console.log(path.join('migrations', created));
