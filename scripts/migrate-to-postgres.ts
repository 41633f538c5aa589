/**
 * Copies a stopped SQLite deployment into an empty PostgreSQL database, every row as it is (ids,
 * calendar UIDs and feed addresses, sessions, keys, notices, the audit log), then prints the
 * rows copied per table on stdout. Refuses while a server uses the SQLite file, or when the
 * target holds any row; a failure leaves the target empty. A deployment hosting other
 * governments has each one's file copied first into a database of its own on the same server
 * (`<database>_<slug>`, made here: the role needs CREATEDB), as `create-tenant` would make it;
 * a failure drops the databases made.
 *   systemctl stop sop-scheduler
 *   npm run migrate-to-postgres -- --from data/sop.db --to postgres://sop:...@db.example.go.id:5432/sop
 * Without --from: DATABASE_PATH; without --to: DATABASE_URL (both as .env or the environment says).
 */
import path from 'node:path';
import { loadConfig, loadDotEnv } from '../src/config';
import { Client } from 'pg';
import { copyToPostgres, hostedGovernments, refuseWhileServed, type CopySummary } from '../src/platform/copy-to-postgres';
import { describePostgres, quotedName } from '../src/platform/postgres';
import { tenantDatabaseOf, withDatabase } from '../src/tenancy';
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
    const copied = await copyDeployment(from, to);
    for (const { table, rows } of copied.tables) process.stdout.write(`${table}\t${rows}\n`);
    const total = copied.tables.reduce((sum, { rows }) => sum + rows, 0);
    console.error(
      `copied ${total} rows in ${copied.tables.length} tables from ${from}${copied.migratedSource ? ' (last run by an older release: a migrated copy of it)' : ''} to ${describePostgres(to)}; new ids go on after the copied ones. ` +
        `The ${copied.documents} uploaded document(s) stay in DOCUMENTS_PATH: give every server that folder. Then start the servers with DATABASE_URL set.`,
    );
    for (const government of copied.hosted)
      console.error(`copied ${government.slug} (${government.from}, ${government.rows} rows) to ${describePostgres(government.to)}; its documents stay in ${government.documentsFolder}`);
  })().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}

/** The deployment, its hosted governments' databases first (each made on the server); a failure drops those made. */
async function copyDeployment(from: string, to: string): Promise<CopySummary & { hosted: { slug: string; from: string; to: string; rows: number; documentsFolder: string }[] }> {
  // The server holding the governments' databases announces itself on the deployment's own file.
  refuseWhileServed(from);
  const hosted = hostedGovernments(from);
  const nameOf = (slug: string) => tenantDatabaseOf(to, slug);
  const made: string[] = [];
  const onServer = async (statement: string) => {
    const client = new Client({ connectionString: to });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  try {
    const copies = [];
    for (const government of hosted) {
      const name = nameOf(government.slug);
      await onServer(`CREATE DATABASE ${quotedName(name)}`).catch((error: unknown) => {
        throw new Error(`cannot make the database ${name} for ${government.slug} (the role needs CREATEDB, and no database of that name may exist): ${error instanceof Error ? error.message : String(error)}`);
      });
      made.push(name);
      const copy = await copyToPostgres({ from: government.database, to: withDatabase(to, name) });
      copies.push({ slug: government.slug, from: government.database, to: withDatabase(to, name), rows: copy.tables.reduce((sum, { rows }) => sum + rows, 0), documentsFolder: path.join(path.dirname(government.database), 'documents') });
    }
    return { ...(await copyToPostgres({ from, to, hostedDatabases: nameOf })), hosted: copies };
  } catch (error) {
    for (const name of made.reverse()) await onServer(`DROP DATABASE IF EXISTS ${quotedName(name)} WITH (FORCE)`).catch(() => undefined);
    throw error;
  }
}
