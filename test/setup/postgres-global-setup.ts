// Once per run of the PostgreSQL project: a throwaway cluster and a migrated template
// database every test app copies (CREATE DATABASE ... TEMPLATE takes a few milliseconds).
import { openPostgres } from '../../src/platform/postgres';
import { startPostgres, TEMPLATE_DATABASE } from '../helpers/postgres';

export default async function setup() {
  const cluster = await startPostgres();
  const database = await openPostgres(await cluster.createDatabase(TEMPLATE_DATABASE));
  await database.close();
  (globalThis as { postgresCluster?: unknown }).postgresCluster = cluster;
  process.env.TEST_POSTGRES_PORT = String(cluster.port);
}
