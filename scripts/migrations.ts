import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_FOLDER } from '../src/platform/database';
import { GENERATED_MARKER, triggerNamesIn } from '../src/platform/triggers';

/**
 * The newest migration written by `npm run db:triggers`, with the trigger names of the
 * generated migration before it (which it dropped first).
 */
export function latestGeneratedMigration(): { file: string; sql: string; previousNames: string[] } | undefined {
  const generated = fs
    .readdirSync(MIGRATIONS_FOLDER)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => ({ file, sql: fs.readFileSync(path.join(MIGRATIONS_FOLDER, file), 'utf8') }))
    .filter((m) => m.sql.startsWith(GENERATED_MARKER));
  const latest = generated[generated.length - 1];
  if (!latest) return undefined;
  const before = generated[generated.length - 2];
  return { ...latest, previousNames: before ? triggerNamesIn(before.sql) : [] };
}
