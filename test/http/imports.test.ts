import { buildTestApp, expectProblem, makeNip, type TestApp } from '../helpers/app';

/**
 * Imports that take real spreadsheets through the API: headings by their aliases, unknown
 * columns named, and `skipInvalid=true` saving the good lines (the answer names the skipped
 * ones) while a request without it keeps "all rows or none" and its answer unchanged.
 */
let t: TestApp;
beforeEach(async () => (t = await buildTestApp()));
afterEach(() => t.app.close());

const count = (table: string) => t.count(table);
const audited = (action: string) => t.sqlValue('select count(*) n from audit_log where action = ?', action);
const csv = (...lines: string[]) => lines.join('\r\n') + '\r\n';
const post = (client: TestApp['organiser'], url: string, body: string) => client.post(url, body, { 'content-type': 'text/csv' });

describe('POST /units/import', () => {
  const file = csv(
    'No;Kode Unit;Nama Unit Kerja;Jenis;Keterangan',
    '1;DINKES;Dinas Kesehatan;Dinas;',
    '2;SATPOLPP;Satuan Polisi Pamong Praja;SATPOL-PP;baru',
    '3;BAPPEDA;Badan Perencanaan;Dinsa;',
    '4;KEC-A;Kecamatan Contoh;Kecamatan;',
  );

  it('keeps all rows or none without skipInvalid: the same refusal as ever, nothing written', async () => {
    const problem = expectProblem(await post(t.organiser, '/units/import', file), 422, 'IMPORT_INVALID');
    expect(problem.errors).toEqual([{ line: 4, path: 'kind', message: expect.stringContaining('must be one of') }]);
    expect(await count('units')).toBe(0);
    expectProblem(await post(t.organiser, '/units/import?skipInvalid=false', file), 422, 'IMPORT_INVALID');
    // A good file answers the counts alone, as it always did.
    const good = await post(t.organiser, '/units/import', csv('code,name,kind', 'DINKES,Dinas Kesehatan,dinas'));
    expect(good.body).toEqual({ created: 1, updated: 0, unchanged: 0 });
  });

  it('saves the good lines with skipInvalid=true, answering the skipped ones with their values and the columns left out', async () => {
    await t.make.unit({ code: 'KEC-A', name: 'Kecamatan Lama', kind: 'kecamatan' });
    const checked = await post(t.organiser, '/units/import?dryRun=true&skipInvalid=true', file);
    expect(checked.status).toBe(200);
    expect(await count('units')).toBe(1);
    const saved = await post(t.organiser, '/units/import?skipInvalid=true', file);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({
      created: 2,
      updated: 1,
      unchanged: 0,
      skipped: [{ line: 4, path: 'kind', message: expect.stringContaining('must be one of'), value: 'Dinsa' }],
      ignoredColumns: ['Keterangan'],
    });
    expect(checked.body).toEqual(saved.body);
    expect(await t.sql('select code, name, kind from units order by code')).toEqual([
      { code: 'DINKES', name: 'Dinas Kesehatan', kind: 'dinas' },
      { code: 'KEC-A', name: 'Kecamatan Contoh', kind: 'kecamatan' },
      { code: 'SATPOLPP', name: 'Satuan Polisi Pamong Praja', kind: 'satpol_pp' },
    ]);
    expect(await audited('unit.import')).toBe(3);
    // Nothing to skip: an empty list.
    expect((await post(t.organiser, '/units/import?skipInvalid=true', csv('Kode,Nama,Jenis', 'DINKES,Dinas Kesehatan,Dinas'))).body).toEqual({ created: 0, updated: 0, unchanged: 1, skipped: [] });
  });

  it('refuses a file that cannot be taken at all even with skipInvalid, and a skipInvalid that is not a boolean', async () => {
    const missing = expectProblem(await post(t.organiser, '/units/import?skipInvalid=true', csv('Kode,Nama', 'DINKES,Dinas Kesehatan')), 422, 'IMPORT_INVALID');
    expect(missing.errors).toEqual([{ line: 1, path: 'kind', message: 'missing column "kind"' }]);
    const rows = Array.from({ length: 5001 }, (_, i) => `U${i},Unit ${i},dinas`);
    expectProblem(await post(t.organiser, '/units/import?skipInvalid=true', csv('code,name,kind', ...rows)), 422, 'IMPORT_INVALID');
    expectProblem(await post(t.organiser, '/units/import?skipInvalid=perhaps', file), 400, 'VALIDATION_FAILED');
    expect(await count('units')).toBe(0);
  });

  it('saves nothing and answers every line skipped when no line is good', async () => {
    const answer = await post(t.organiser, '/units/import?skipInvalid=true', csv('Kode,Nama,Jenis', 'A,Dinas A,Dinsa', 'B,,Dinas'));
    expect(answer.body).toEqual({
      created: 0,
      updated: 0,
      unchanged: 0,
      skipped: [
        { line: 2, path: 'kind', message: expect.any(String), value: 'Dinsa' },
        { line: 3, path: 'name', message: 'is required' },
      ],
    });
    expect(await count('units')).toBe(0);
  });
});

describe('POST /participants/import', () => {
  it('skips the lines only the database can tell are bad as well as the bad values, and saves the rest', async () => {
    const dinkes = await t.make.unit({ code: 'DINKES' });
    const other = await t.make.unit({ code: 'DLH' });
    const theirs = await t.make.participant(other.id, { nip: makeNip(9) });
    const file = csv(
      'No;Kode Unit;NIP;Nama Lengkap;No HP',
      `1;DINKES;${makeNip(1)};Contoh Satu;0812 3456 7890`,
      `2;NOPE;${makeNip(2)};Unit Tak Ada;`,
      `3;DINKES;12345;NIP Pendek;`,
      `4;DINKES;${theirs.nip};Unit Lain;`,
      `5;DINKES;${makeNip(1)};Dua Kali;`,
      `6;DINKES;${makeNip(3)};Contoh Tiga;`,
    );
    const strict = expectProblem(await post(t.organiser, '/participants/import', file), 422, 'IMPORT_INVALID');
    expect(strict.errors!.map((e) => [e.line, e.path])).toEqual([
      [3, 'unitCode'],
      [4, 'nip'],
      [5, 'nip'],
      [6, 'nip'],
    ]);
    expect(await count('participants')).toBe(1);

    const saved = await post(t.organiser, '/participants/import?skipInvalid=true', file);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(saved.body.skipped.map((s: { line: number; path: string; value?: string }) => [s.line, s.path, s.value])).toEqual([
      [3, 'unitCode', 'NOPE'],
      [4, 'nip', '12345'],
      [5, 'nip', theirs.nip],
      [6, 'nip', makeNip(1)],
    ]);
    expect(saved.body).not.toHaveProperty('ignoredColumns');
    expect(await t.sql('select name, unit_id "unitId" from participants order by name')).toEqual([
      { name: 'Contoh Satu', unitId: dinkes.id },
      { name: 'Contoh Tiga', unitId: dinkes.id },
      { name: expect.any(String), unitId: other.id },
    ]);
    expect(await audited('participant.import')).toBe(2);
  });

  it('lets a unit key skip the lines naming another unit, and keeps its answer unchanged without the option', async () => {
    const mine = await t.make.unit({ code: 'MINE' });
    await t.make.unit({ code: 'OTHER' });
    const key = t.as(await t.unitKey(mine.id));
    const file = csv('NIP,Nama,Kode Unit', `${makeNip(1)},Milik Sendiri,`, `${makeNip(2)},Unit Lain,OTHER`);
    expectProblem(await post(key, '/participants/import', file), 422, 'IMPORT_INVALID');
    expect((await post(key, '/participants/import?skipInvalid=true', file)).body).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
      skipped: [{ line: 3, path: 'unitCode', message: 'no unit OTHER of yours', value: 'OTHER' }],
    });
    expect((await post(key, '/participants/import', csv('NIP,Nama', `${makeNip(1)},Milik Sendiri`))).body).toEqual({ created: 0, updated: 0, unchanged: 1 });
  });
});
