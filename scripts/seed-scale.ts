/**
 * Fills the configured database with N programmes shaped like the seed (100 units, 250
 * officials, 5 batches, a 10-day asistensi period with 20 slots, drafts and bookings each).
 *   npm run seed:scale -- --programmes 500
 */
import { seedScale } from './scale';
import { runScript } from './cli';

runScript(({ database, args, config }) => {
  const count = Number(args.programmes ?? 500);
  if (!Number.isInteger(count) || count < 1) throw new Error('--programmes must be a positive whole number');
  const started = process.hrtime.bigint();
  if (database.engine !== 'sqlite')
    throw new Error('seed:scale writes a SQLite file directly: seed one (DATABASE_PATH, without DATABASE_URL), then copy it with npm run migrate-to-postgres');
  const { programmeIds } = seedScale(database.sqlite, count);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.error(`added ${programmeIds.length} programmes to ${config.databasePath} in ${seconds.toFixed(1)} s`);
});
