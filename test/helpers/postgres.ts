import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export { startPostgres, type PostgresCluster } from '../../scripts/postgres-cluster';

/** The migrated database the PostgreSQL test project's apps copy (test/setup/postgres-global-setup.ts). */
export const TEMPLATE_DATABASE = 'sop_template';

/** A fresh copy of the template database on the project's cluster (TEST_POSTGRES_PORT), as a URL. */
export async function templateCopy(): Promise<string> {
  const port = Number(process.env.TEST_POSTGRES_PORT);
  // Jest runs many test files in one worker process, each with its own modules: a random name.
  const name = `sop_${randomBytes(6).toString('hex')}`;
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  } finally {
    await client.end();
  }
  return `postgres://postgres@127.0.0.1:${port}/${name}`;
}
