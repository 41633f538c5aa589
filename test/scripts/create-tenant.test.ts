import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/platform/database';
import { clientFor } from '../helpers/app';
import { runScript } from '../helpers/scripts';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-tenants-cli-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const env = () => ({ DATABASE_PATH: path.join(dir, 'sop.db'), DOCUMENTS_PATH: path.join(dir, 'documents'), PUBLIC_BASE_URL: 'https://sop.kalselprov.go.id' });

it('registers the home government, then a city with a database of its own, whose first organiser and key work at its host', async () => {
  const home = await runScript('create-tenant', ['--home', '--slug', 'kalsel', '--name', 'Provinsi Kalimantan Selatan', '--kind', 'provinsi'], env(), { viaNpm: true });
  expect(home).toMatchObject({ code: 0, stdout: 'kalsel\n' });
  const city = await runScript('create-tenant', ['--slug', 'banjarmasin', '--name', 'Kota Banjarmasin', '--kind', 'kota', '--province', 'kalsel', '--host', 'Banjarmasin.SOP.kalselprov.go.id', '--timezone', 'WITA'], env());
  expect(city).toMatchObject({ code: 0, stdout: 'banjarmasin\n' });
  expect(fs.existsSync(path.join(dir, 'tenants', 'banjarmasin', 'sop.db'))).toBe(true);
  const listed = await runScript('create-tenant', [], env());
  expect(listed.stdout.split('\n').filter(Boolean)).toEqual([
    'kalsel\tprovinsi\tProvinsi Kalimantan Selatan\t-\t(home)',
    `banjarmasin\tkota\tKota Banjarmasin\tbanjarmasin.sop.kalselprov.go.id\t${path.join(dir, 'tenants', 'banjarmasin', 'sop.db')}`,
  ]);

  const key = await runScript('create-key', ['--tenant', 'banjarmasin', '--role', 'organiser'], env());
  expect(key.code).toBe(0);
  const link = await runScript('create-user', ['--tenant', 'banjarmasin', '--role', 'organiser', '--email', 'ani@banjarmasinkota.go.id', '--name', 'Ani'], env());
  expect(link.code).toBe(0);
  // Set-password links lead to the city's own address.
  expect(link.stdout).toMatch(/^https:\/\/sop\.kalselprov\.go\.id\/g\/banjarmasin\//);
  expect((await runScript('create-key', ['--tenant', 'sleman', '--role', 'organiser'], env())).stderr).toContain('--tenant: no government has the slug sleman');

  const database = openDatabase(env().DATABASE_PATH);
  const app = await buildApp({ config: loadConfig({ ...env(), TENANT_ROUTING: 'host' }), database, logger: false });
  try {
    const client = clientFor(app, key.stdout.trim());
    expect((await client.get('/units', { host: 'banjarmasin.sop.kalselprov.go.id' })).status).toBe(200);
    expect((await client.get('/units', { host: 'sop.kalselprov.go.id' })).status).toBe(401);
  } finally {
    await app.close();
    database.close();
  }
}, 60_000);

it('refuses, naming the option, what cannot be registered, and makes nothing', async () => {
  const city = ['--slug', 'banjarbaru', '--name', 'Kota Banjarbaru', '--kind', 'kota'];
  expect((await runScript('create-tenant', city, env())).stderr).toContain('--home: register this deployment’s own government first');
  expect((await runScript('create-tenant', ['--home', '--slug', 'kalsel', '--name', 'Provinsi Kalimantan Selatan', '--kind', 'provinsi'], env())).code).toBe(0);
  const refusals: [string[], string][] = [
    [['--slug', 'Banjar Baru', '--name', 'Kota Banjarbaru', '--kind', 'kota'], '--slug: must be 2-40 lower-case letters'],
    [['--slug', 'g', '--name', 'X', '--kind', 'kota'], '--slug: must be 2-40'],
    [['--slug', 'docs', '--name', 'X', '--kind', 'kota'], '--slug: "docs" is reserved'],
    [[...city.slice(0, 4), '--kind', 'desa'], '--kind: must be one of provinsi, kabupaten, kota, kementerian'],
    [[...city, '--province', 'kaltim'], '--parent: no government has the slug kaltim'],
    [['--slug', 'kaltim', '--name', 'Provinsi Kalimantan Timur', '--kind', 'provinsi', '--parent', 'kalsel'], '--parent: a provinsi belongs to a kementerian, and kalsel is a provinsi'],
    [[...city, '--timezone', 'Mars/Olympus'], '--timezone: must be WIB, WITA, WIT or an IANA zone'],
    [[...city, '--host', 'not a host'], '--host: must be a host name'],
    [[...city, '--host', 'SOP.kalselprov.go.id'], '--host: is the deployment’s own address (PUBLIC_BASE_URL)'],
    [[...city, '--colour', 'red'], 'unknown option --colour'],
    [['--slug', 'kalsel', '--name', 'X', '--kind', 'kota'], '--slug: another government already has the slug kalsel'],
    [['--home', '--slug', 'kalsel2', '--name', 'X', '--kind', 'provinsi'], 'This deployment’s own government is already registered'],
  ];
  for (const [args, message] of refusals) {
    const res = await runScript('create-tenant', args, env());
    expect({ args, code: res.code, stderr: res.stderr }).toEqual({ args, code: 1, stderr: expect.stringContaining(message) });
  }
  expect(fs.existsSync(path.join(dir, 'tenants'))).toBe(false);
  expect((await runScript('create-tenant', [...city, '--host', 'banjarbaru.sop.kalselprov.go.id'], env())).code).toBe(0);
  // A host already taken: the new database is discarded again.
  const taken = await runScript('create-tenant', ['--slug', 'tanahlaut', '--name', 'Kabupaten Tanah Laut', '--kind', 'kabupaten', '--host', 'banjarbaru.sop.kalselprov.go.id'], env());
  expect(taken.stderr).toContain('Another government is already reached at this host name');
  expect(fs.existsSync(path.join(dir, 'tenants', 'tanahlaut'))).toBe(false);
}, 60_000);
