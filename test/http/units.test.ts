import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp()));
afterEach(() => t.app.close());

const count = (table: string) => t.count(table);

describe('units', () => {
  it('creates, reads, lists by kind and changes a unit', async () => {
    const created = await t.organiser.post('/units', { code: 'DISHUB', name: 'Dinas Perhubungan', kind: 'dinas', email: 'dishub@banjarmasinkota.go.id' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(Number), code: 'DISHUB', kind: 'dinas', email: 'dishub@banjarmasinkota.go.id' });
    await t.organiser.post('/units', { code: 'KEC-BU', name: 'Kecamatan Banjarmasin Utara', kind: 'kecamatan' });

    expect((await t.organiser.get(`/units/${created.body.id}`)).body.name).toBe('Dinas Perhubungan');
    expect((await t.organiser.get('/units')).body).toHaveLength(2);
    const kecamatan = await t.organiser.get('/units?kind=kecamatan');
    expect(kecamatan.body.map((u: any) => u.code)).toEqual(['KEC-BU']);
    expect((await t.organiser.get('/units?limit=1&offset=1')).body.map((u: any) => u.code)).toEqual(['KEC-BU']);

    const patched = await t.organiser.patch(`/units/${created.body.id}`, { name: 'Dinas Perhubungan Kota Banjarmasin', email: null });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Dinas Perhubungan Kota Banjarmasin', email: null, code: 'DISHUB' });
  });

  it('finds units by part of their name or code, taking % and _ literally', async () => {
    await t.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan' });
    await t.make.unit({ code: 'KEC_BU', name: 'Kecamatan Banjarmasin Utara', kind: 'kecamatan' });
    const codes = async (query: string) => ((await t.organiser.get(`/units?${query}`)).body as { code: string }[]).map((u) => u.code);
    expect(await codes('search=hubung')).toEqual(['DISHUB']);
    expect(await codes('search=BANJAR')).toEqual(['KEC_BU']);
    expect(await codes('search=c_b')).toEqual(['KEC_BU']);
    expect(await codes('search=%25')).toEqual([]);
    expect(await codes('search=a&kind=dinas')).toEqual(['DISHUB']);
  });

  it('keeps codes unique regardless of case (409)', async () => {
    const first = await t.make.unit({ code: 'BAPPEDA', kind: 'badan' });
    expectProblem(await t.organiser.post('/units', { code: 'bappeda', name: 'Lain', kind: 'badan' }), 409, 'UNIT_CODE_TAKEN');
    const other = await t.make.unit({ code: 'DLH' });
    expectProblem(await t.organiser.patch(`/units/${other.id}`, { code: 'Bappeda' }), 409, 'UNIT_CODE_TAKEN');
    expect(first.code).toBe('BAPPEDA');
    expect(await count('units')).toBe(2);
  });

  it('rejects bad input naming the field, writing nothing', async () => {
    const cases: [unknown, string][] = [
      [{ code: 'X', name: 'Y', kind: 'ministry' }, '/body/kind'],
      [{ code: 'has space', name: 'Y', kind: 'dinas' }, '/body/code'],
      [{ code: 'X', name: '   ', kind: 'dinas' }, '/body/name'],
      [{ code: 'X', name: 'Y', kind: 'dinas', email: 'nope' }, '/body/email'],
      [{ code: 'X', name: 'Y', kind: 'dinas', colour: 'red' }, '/body/colour'],
      [{ name: 'Y', kind: 'dinas' }, '/body/code'],
      [{ code: 5, name: 'Y', kind: 'dinas' }, '/body/code'],
    ];
    for (const [body, path] of cases) {
      const problem = expectProblem(await t.organiser.post('/units', body), 400, 'VALIDATION_FAILED');
      expect(problem.errors!.map((e) => e.path)).toContain(path);
    }
    expectProblem(await t.organiser.patch('/units/1', {}), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.get('/units?kind=ministry'), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.get('/units?limit=5000'), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.get('/units/abc'), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.get('/units/0'), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.get('/units/42'), 404, 'NOT_FOUND');
    expectProblem(await t.organiser.patch('/units/42', { name: 'x' }), 404, 'NOT_FOUND');
    expectProblem(await t.organiser.post('/units', '{"code": "X",', { 'content-type': 'application/json' }), 400, 'MALFORMED_JSON');
    expectProblem(await t.organiser.post('/units', 'code=X', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await count('units')).toBe(0);
    expect(await count('audit_log')).toBe(1); // only the test's own organiser key
  });

  it('lets a unit key read its own unit only, and nothing else about units', async () => {
    const own = await t.make.unit();
    const other = await t.make.unit();
    const unit = t.as(await t.unitKey(own.id));
    expect((await unit.get(`/units/${own.id}`)).status).toBe(200);
    expectProblem(await unit.get(`/units/${other.id}`), 404, 'NOT_FOUND');
    expectProblem(await unit.get('/units'), 403, 'FORBIDDEN');
    expectProblem(await unit.post('/units', { code: 'Z', name: 'Z', kind: 'dinas' }), 403, 'FORBIDDEN');
    expectProblem(await unit.patch(`/units/${own.id}`, { name: 'Renamed' }), 403, 'FORBIDDEN');
    expectProblem(await unit.post('/units/import', 'code,name,kind\nA,B,dinas\n', { 'content-type': 'text/csv' }), 403, 'FORBIDDEN');
  });
});

describe('POST /units/import', () => {
  const csv = (lines: string[]) => lines.join('\n') + '\n';
  const importCsv = (body: string) => t.organiser.post('/units/import', body, { 'content-type': 'text/csv; charset=utf-8' });

  it('creates and updates units in one go', async () => {
    await t.make.unit({ code: 'DISHUB', name: 'Dishub lama', kind: 'dinas' });
    await t.make.unit({ code: 'DLH', name: 'Dinas Lingkungan Hidup', kind: 'dinas' });
    const res = await importCsv(
      csv([
        'code,name,kind,email',
        'DISHUB,Dinas Perhubungan,dinas,dishub@banjarmasinkota.go.id',
        'DLH,Dinas Lingkungan Hidup,dinas,',
        'KEC-BS,Kecamatan Banjarmasin Selatan,kecamatan,',
        'SATPOLPP,Satuan Polisi Pamong Praja,satpol_pp,',
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 2, updated: 1, unchanged: 1 });
    const units = (await t.organiser.get('/units')).body;
    expect(units.find((u: any) => u.code === 'DISHUB')).toMatchObject({ name: 'Dinas Perhubungan', email: 'dishub@banjarmasinkota.go.id' });
    expect(units).toHaveLength(4);
    expect((await t.organiser.get('/audit?entity=unit')).body.filter((a: any) => a.action === 'unit.import')).toHaveLength(3);
  });

  it('writes nothing when one row is bad, and lists every bad line', async () => {
    const res = await importCsv(
      csv(['code,name,kind,email', 'A,Dinas A,dinas,', 'B,Badan B,badan,', 'C,Kantor C,kementerian,', 'D,Dinas D,dinas,bad-email']),
    );
    const problem = expectProblem(res, 422, 'IMPORT_INVALID');
    expect(problem.errors).toEqual([
      { line: 4, path: 'kind', message: expect.stringContaining('must be one of') },
      { line: 5, path: 'email', message: 'must be an email address' },
    ]);
    expect(await count('units')).toBe(0);
  });

  it('takes Indonesian headings and kinds as people write them, and checks without writing on dryRun', async () => {
    const csv = 'kode;nama;jenis\r\nSATPOLPP;Satuan Polisi Pamong Praja;Satpol PP\r\nKEC-BU;Kecamatan Banjarmasin Utara;Kecamatan\r\n';
    const checked = await t.organiser.post('/units/import?dryRun=true', csv, { 'content-type': 'text/csv' });
    expect(checked.body).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect((await t.organiser.get('/units')).body).toHaveLength(0);
    expect((await importCsv(csv)).body).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect((await t.organiser.get('/units?kind=satpol_pp')).body).toEqual([expect.objectContaining({ code: 'SATPOLPP' })]);
  });

  it('refuses a JSON body and oversized files', async () => {
    expect(expectProblem(await t.organiser.post('/units/import', { code: 'A' }), 415, 'UNSUPPORTED_MEDIA_TYPE')).toMatchObject({ accepts: ['text/csv'] });
    const huge = 'code,name,kind\n' + 'A,'.padEnd(3 * 1024 * 1024, 'x') + ',dinas\n';
    expectProblem(await importCsv(huge), 413, 'PAYLOAD_TOO_LARGE');
    expect(await count('units')).toBe(0);
  });
});

it('takes an empty JSON body on a DELETE as no body', async () => {
  const t2 = await buildTestApp();
  try {
    const key = (await t2.organiser.post('/api-keys', { role: 'organiser', label: 'x' })).body;
    const res = await t2.app.inject({ method: 'DELETE', url: `/api-keys/${key.id}`, headers: { authorization: `Bearer ${t2.organiserKey}`, 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(204);
    const empty = await t2.app.inject({ method: 'POST', url: '/programmes', payload: '', headers: { authorization: `Bearer ${t2.organiserKey}`, 'content-type': 'application/json' } });
    expectProblem({ status: empty.statusCode, body: empty.json(), headers: empty.headers, raw: empty }, 400, 'VALIDATION_FAILED');
  } finally {
    await t2.app.close();
  }
});
