import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp()));
afterEach(() => t.app.close());

describe('programmes', () => {
  it('creates with Asia/Makassar by default, lists, reads and changes', async () => {
    const created = await t.organiser.post('/programmes', { name: 'Penyusunan SOP 2013', draftDeadline: '2013-10-18', finalDeadline: '2013-11-29' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ timezone: 'Asia/Makassar', draftDeadline: '2013-10-18', finalDeadline: '2013-11-29', organiserEmail: null });
    const other = await t.organiser.post('/programmes', { name: 'SOP Pemprov', timezone: 'Asia/Jakarta', organiserEmail: 'ortala@kalselprov.go.id' });
    expect(other.body.timezone).toBe('Asia/Jakarta');
    expect((await t.organiser.get('/programmes')).body.map((p: any) => p.id)).toEqual([created.body.id, other.body.id]);
    expect((await t.organiser.get(`/programmes/${created.body.id}`)).body.name).toBe('Penyusunan SOP 2013');
    const patched = await t.organiser.patch(`/programmes/${created.body.id}`, { timezone: 'Asia/Jayapura', finalDeadline: '2013-12-02' });
    expect(patched.body).toMatchObject({ timezone: 'Asia/Jayapura', finalDeadline: '2013-12-02' });
  });

  it('refuses unknown zones, impossible dates and a final deadline before the draft one', async () => {
    const zone = expectProblem(await t.organiser.post('/programmes', { name: 'X', timezone: 'Asia/Banjarmasin' }), 400, 'VALIDATION_FAILED');
    expect(zone.errors![0]!.path).toBe('/body/timezone');
    const date = expectProblem(await t.organiser.post('/programmes', { name: 'X', draftDeadline: '2013-02-30' }), 400, 'VALIDATION_FAILED');
    expect(date.errors![0]).toEqual({ path: '/body/draftDeadline', message: 'must be a real date YYYY-MM-DD' });
    const order = expectProblem(await t.organiser.post('/programmes', { name: 'X', draftDeadline: '2013-11-01', finalDeadline: '2013-10-01' }), 400, 'VALIDATION_FAILED');
    expect(order.errors![0]!.path).toBe('/body/finalDeadline');
    const p = await t.make.programme({ draftDeadline: '2013-10-18' });
    expectProblem(await t.organiser.patch(`/programmes/${p.id}`, { finalDeadline: '2013-10-01' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.patch(`/programmes/${p.id}`, { timezone: 'Mars/Olympus' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.get('/programmes/77'), 404, 'NOT_FOUND');
    expect((await t.organiser.get('/programmes')).body).toHaveLength(1);
  });

  it('lets unit keys read but not write', async () => {
    const p = await t.make.programme();
    const unit = t.as(await t.unitKey((await t.make.unit()).id));
    expect((await unit.get('/programmes')).status).toBe(200);
    expect((await unit.get(`/programmes/${p.id}`)).status).toBe(200);
    expectProblem(await unit.post('/programmes', { name: 'X' }), 403, 'FORBIDDEN');
    expectProblem(await unit.patch(`/programmes/${p.id}`, { name: 'X' }), 403, 'FORBIDDEN');
  });
});

describe('asistensi partner and certificate signatory', () => {
  it('are empty by default, set on create, changed and cleared by PATCH, and read back', async () => {
    const plain = await t.organiser.post('/programmes', { name: 'Tanpa penanda tangan' });
    expect(plain.body).toMatchObject({ asistensiPartner: null, signatoryName: null, signatoryPosition: null, signatoryNip: null });
    const created = await t.organiser.post('/programmes', {
      name: 'Penyusunan SOP 2027',
      asistensiPartner: 'Biro Organisasi Setda Provinsi',
      signatoryName: 'Dra. Siti Rahmah, M.Si.',
      signatoryPosition: 'Kepala Bagian Organisasi',
      signatoryNip: '19700101 199503 2 001',
    });
    expect(created.status).toBe(201);
    // The NIP is stored as its 18 digits, whatever spaces or dots it was typed with.
    expect(created.body).toMatchObject({ asistensiPartner: 'Biro Organisasi Setda Provinsi', signatoryName: 'Dra. Siti Rahmah, M.Si.', signatoryPosition: 'Kepala Bagian Organisasi', signatoryNip: '197001011995032001' });
    const id = created.body.id;
    const patched = await t.organiser.patch(`/programmes/${id}`, { signatoryNip: '19700101.199503.1.002', asistensiPartner: null });
    expect(patched.body).toMatchObject({ signatoryNip: '197001011995031002', asistensiPartner: null, signatoryName: 'Dra. Siti Rahmah, M.Si.' });
    expect((await t.organiser.get(`/programmes/${id}`)).body).toMatchObject({ signatoryNip: '197001011995031002', asistensiPartner: null });
    const unit = t.as(await t.unitKey((await t.make.unit()).id));
    expect((await unit.get(`/programmes/${id}`)).body.signatoryName).toBe('Dra. Siti Rahmah, M.Si.');
    expect((await t.organiser.patch(`/programmes/${id}`, { signatoryName: null, signatoryPosition: null, signatoryNip: null })).body).toMatchObject({ signatoryName: null, signatoryPosition: null, signatoryNip: null });
  });

  it("checks the signatory's NIP like any NIP, saying which part is wrong, and writes nothing", async () => {
    const p = await t.make.programme();
    const cases: [string, string][] = [
      ['19700101 199503 2 00', 'must be exactly 18 digits: birth date YYYYMMDD, appointment year and month YYYYMM, sex 1 or 2, serial of 3 digits; 17 digit(s) were given'],
      ['197013011995032001', 'digits 1-8 (19701301) must be a real birth date YYYYMMDD'],
      ['197001011995132001', 'digits 9-14 (199513) must be a real appointment year and month YYYYMM'],
      ['197001011965032001', 'cannot be before the birth date'],
      ['197001011995033001', 'digit 15 (sex) must be 1 or 2'],
    ];
    for (const [signatoryNip, words] of cases) {
      const refused = expectProblem(await t.organiser.patch(`/programmes/${p.id}`, { signatoryNip }), 400, 'VALIDATION_FAILED');
      expect(refused.errors![0]).toEqual({ path: '/body/signatoryNip', message: expect.stringContaining(words) });
      expectProblem(await t.organiser.post('/programmes', { name: 'X', signatoryNip }), 400, 'VALIDATION_FAILED');
    }
    expectProblem(await t.organiser.post('/programmes', { name: 'X', asistensiPartner: '   ' }), 400, 'VALIDATION_FAILED');
    expect((await t.organiser.get(`/programmes/${p.id}`)).body.signatoryNip).toBeNull();
    expect((await t.organiser.get('/programmes')).body).toHaveLength(1);
  });
});

describe('zones', () => {
  it('are stored as calendars know them: WIB, WITA, WIT, aliases and any casing become the IANA name', async () => {
    const named = async (timezone: string) => (await t.organiser.post('/programmes', { name: `Zona ${timezone}`, timezone })).body.timezone;
    expect([await named('WITA'), await named('wib'), await named('WIT'), await named('asia/makassar'), await named('Asia/Ujung_Pandang')]).toEqual([
      'Asia/Makassar',
      'Asia/Jakarta',
      'Asia/Jayapura',
      'Asia/Makassar',
      'Asia/Makassar',
    ]);
    // Without one, a programme takes the deployment's DEFAULT_TIMEZONE (the tests run with WITA).
    expect((await t.organiser.post('/programmes', { name: 'Tanpa zona' })).body.timezone).toBe('Asia/Makassar');
  });

  it('refuses a zone change that would leave a scheduled time nonexistent or ambiguous, and reads never fail', async () => {
    const programme = await t.make.programme({ timezone: 'WIB' });
    const batch = (await t.organiser.post(`/programmes/${programme.id}/batches`, { name: 'Angkatan Malam', allowNonWorkingDays: true, days: [{ date: '2026-03-08', start: '02:30', end: '04:00' }] })).body;
    const refused = expectProblem(await t.organiser.patch(`/programmes/${programme.id}`, { timezone: 'America/New_York' }), 422, 'TIME_NOT_IN_ZONE');
    expect(refused.errors).toEqual([{ path: '/body/timezone', message: 'Angkatan Malam: 2026-03-08 02:30 does not exist in America/New_York' }]);
    expect((await t.organiser.get(`/programmes/${programme.id}`)).body.timezone).toBe('Asia/Jakarta');
    expect((await t.organiser.get(`/batches/${batch.id}`)).status).toBe(200);
    expect((await t.organiser.patch(`/programmes/${programme.id}`, { timezone: 'Asia/Jayapura' })).status).toBe(200);
  });

  it('refuses a closure whose added day would have a slot time that does not exist, and writes nothing', async () => {
    const programme = await t.make.programme({ timezone: 'Europe/Berlin' });
    const created = await t.organiser.post(`/programmes/${programme.id}/asistensi-periods`, {
      name: 'Asistensi malam',
      startDate: '2026-03-27',
      workingDays: 2,
      skipWeekends: false,
      useNationalHolidays: false,
      slotTimes: [{ start: '02:30', end: '03:45' }],
    });
    expect(created.body.workingDates).toEqual(['2026-03-27', '2026-03-28']);
    const refused = expectProblem(await t.organiser.post(`/asistensi-periods/${created.body.id}/closures`, { date: '2026-03-27', reason: 'Rapat' }), 422, 'TIME_NOT_IN_ZONE');
    expect(refused.errors![0]).toEqual({ path: '/body/date', message: '2026-03-29 02:30 does not exist in Europe/Berlin' });
    expect((await t.organiser.get(`/asistensi-periods/${created.body.id}`)).body.closedDates).toEqual([]);
    expect((await t.organiser.get(`/asistensi-periods/${created.body.id}/slots`)).body.map((s: { date: string }) => s.date)).toEqual(['2026-03-27', '2026-03-28']);
    const ambiguous = await t.organiser.post(`/programmes/${programme.id}/asistensi-periods`, { name: 'Mundur', startDate: '2026-10-25', workingDays: 1, skipWeekends: false, useNationalHolidays: false, slotTimes: [{ start: '02:15', end: '04:00' }] });
    expect(expectProblem(ambiguous, 422, 'TIME_NOT_IN_ZONE').errors![0]!.message).toBe('2026-10-25 02:15 happens twice in Europe/Berlin');
  });
});
