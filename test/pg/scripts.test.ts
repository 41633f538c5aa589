import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openPostgres } from '../../src/platform/postgres';
import { clientFor } from '../helpers/app';
import { setPasswordAndSignIn } from '../helpers/pages';
import { startPostgres, type PostgresCluster } from '../helpers/postgres';
import { runScript } from '../helpers/scripts';

/** The command-line scripts on a deployment whose database is PostgreSQL (DATABASE_URL). */
let cluster: PostgresCluster;
let url: string;
const BASE = 'https://sop.example.go.id';

beforeAll(async () => {
  cluster = await startPostgres();
  url = await cluster.createDatabase('scripts');
}, 60_000);
afterAll(() => cluster.stop());

it('creates the first organiser and an API key in the PostgreSQL database, not in a SQLite file', async () => {
  const env = { DATABASE_URL: url, DATABASE_PATH: '/nonexistent/sop.db', PUBLIC_BASE_URL: BASE };
  const user = await runScript('create-user', ['--role', 'organiser', '--email', 'ani@example.go.id', '--name', 'Ani Wijaya'], env);
  expect(user).toMatchObject({ code: 0 });
  const key = await runScript('create-key', ['--role', 'organiser', '--label', 'Bagian Organisasi'], env);
  expect(key).toMatchObject({ code: 0 });

  const database = await openPostgres(url, { poolSize: 2 });
  const app = await buildApp({ config: loadConfig({ PUBLIC_BASE_URL: BASE }), database, logger: false });
  try {
    expect((await clientFor(app, key.stdout.trim()).get('/units')).status).toBe(200);
    const { set, signedIn } = await setPasswordAndSignIn(app, user.stdout.trim(), 'ani@example.go.id');
    expect(set.status).toBe(303);
    expect(signedIn).toMatchObject({ status: 303, location: '/organisasi' });
  } finally {
    await app.close();
    await database.close();
  }
});

it('says how to fill PostgreSQL at scale, instead of writing a SQLite file', async () => {
  const res = await runScript('seed-scale', ['--programmes', '1'], { DATABASE_URL: url, PUBLIC_BASE_URL: BASE });
  expect(res.code).toBe(1);
  expect(res.stderr).toContain('npm run migrate-to-postgres');
});
