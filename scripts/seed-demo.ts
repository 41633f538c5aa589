/**
 * Loads the demo scenario (Pemko Banjarmasin, "Penyusunan SOP 2013") into the configured
 * database and prints a fresh organiser key on stdout. Safe to run again.
 *   npm run seed:demo
 */
import { runScript } from './cli';
import { seedDemo } from './seed';
import { databaseName } from '../src/platform/open-database';

runScript(async ({ services, config }) => {
  const result = await seedDemo(services);
  console.error(
    `seeded ${databaseName(config)}: programme ${result.programmeId}, asistensi period ${result.periodId}, ${result.placed} officials placed now, ${result.unplaced} unplaced`,
  );
  console.error('organiser key (shown once):');
  process.stdout.write(`${result.key}\n`);
});
