/**
 * Copies a stopped SQLite deployment into an empty PostgreSQL database, every row as it is (ids,
 * calendar UIDs and feed addresses, sessions, keys, notices, the audit log), then prints the
 * rows copied per table on stdout. Refuses while a server uses the SQLite file, or when the
 * target holds any row; a failure leaves the target empty.
 *   systemctl stop sop-scheduler
 *   npm run migrate-to-postgres -- --from data/sop.db --to postgres://sop:...@db.example.go.id:5432/sop
 * Without --from: DATABASE_PATH; without --to: DATABASE_URL (both as .env or the environment says).
 */
import { loadConfig, loadDotEnv } from '../src/config';
import { copyToPostgres } from '../src/platform/copy-to-postgres';
import { describePostgres } from '../src/platform/postgres';
import { parseArgs } from './cli';

const USAGE = 'usage: npm run migrate-to-postgres -- --from <SQLite file> --to postgres://user:password@host:5432/database';

if (require.main === module) {
  (async () => {
    loadDotEnv();
    const args = parseArgs(process.argv.slice(2));
    const unknown = Object.keys(args).filter((name) => name !== 'from' && name !== 'to');
    if (unknown.length > 0) throw new Error(`unknown option --${unknown.join(', --')}; ${USAGE}`);
    const config = loadConfig(process.env);
    const from = args.from ?? config.databasePath;
    const to = args.to ?? config.databaseUrl;
    if (from === 'true') throw new Error(`--from needs the SQLite file; ${USAGE}`);
    if (!to || to === 'true') throw new Error(`--to is missing (and DATABASE_URL is not set); ${USAGE}`);
    if (!/^postgres(ql)?:\/\/\S+$/.test(to)) throw new Error(`--to must look like postgres://user:password@host:5432/database; ${USAGE}`);
    const copied = await copyToPostgres({ from, to });
    for (const { table, rows } of copied.tables) process.stdout.write(`${table}\t${rows}\n`);
    const total = copied.tables.reduce((sum, { rows }) => sum + rows, 0);
    console.error(
      `copied ${total} rows in ${copied.tables.length} tables from ${from}${copied.migratedSource ? ' (last run by an older release: a migrated copy of it)' : ''} to ${describePostgres(to)}; new ids go on after the copied ones. ` +
        `The ${copied.documents} uploaded document(s) stay in DOCUMENTS_PATH: give every server that folder. Then start the servers with DATABASE_URL set.`,
    );
  })().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
