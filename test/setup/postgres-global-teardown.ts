import type { PostgresCluster } from '../helpers/postgres';

export default async function teardown() {
  await (globalThis as { postgresCluster?: PostgresCluster }).postgresCluster?.stop();
}
