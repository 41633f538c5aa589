import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp()));
afterEach(() => t.app.close());

const period = (programmeId: number, body: Record<string, unknown>) => t.organiser.post(`/programmes/${programmeId}/asistensi-periods`, { name: 'Asistensi', ...body });

describe('the national calendar', () => {
  it('answers a year by decree, with its source, weekday names and kinds; unit keys may read it', async () => {
    const res = await t.organiser.get('/holiday-calendars/2013');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2013, source: 'decree', decree: expect.stringContaining('No. 5 Tahun 2012'), decreeDate: '2012-07-19' });
    expect(res.body.sources.length).toBeGreaterThanOrEqual(2);
    expect(res.body.days).toContainEqual({ date: '2013-11-05', weekday: 'Selasa', name: 'Tahun Baru 1435 Hijriyah', kind: 'holiday' });
    expect(res.body.days).toContainEqual({ date: '2013-10-14', weekday: 'Senin', name: 'Cuti Bersama Hari Raya Idul Adha 1434 Hijriyah', kind: 'cuti_bersama' });
    const unit = await t.make.unit();
    expect((await t.as(await t.unitKey(unit.id)).get('/holiday-calendars/2026')).body.days).toContainEqual(expect.objectContaining({ date: '2026-03-18', kind: 'cuti_bersama' }));
    const future = (await t.organiser.get('/holiday-calendars/2031')).body;
    expect(future).toMatchObject({ year: 2031, source: 'provisional', decree: null });
    expect(future.days.every((d: { kind: string }) => d.kind === 'holiday')).toBe(true);
    expectProblem(await t.organiser.get('/holiday-calendars/1899'), 400, 'VALIDATION_FAILED');
  });

  it('skips the 2026 cuti bersama of Nyepi and Idul Fitri in a period from 16 March 2026', async () => {
    const programme = await t.make.programme({ timezone: 'Asia/Jakarta' });
    const res = await period(programme.id, { startDate: '2026-03-16', workingDays: 5 });
    expect(res.status).toBe(201);
    // 18 (cuti bersama), 19 (Nyepi), 20 (cuti bersama), 23, 24 (cuti bersama) are closed.
    expect(res.body.workingDates).toEqual(['2026-03-16', '2026-03-17', '2026-03-25', '2026-03-26', '2026-03-27']);
    expect(res.body.closedDates.filter((c: { date: string }) => c.date <= '2026-03-24').map((c: { date: string }) => c.date)).toEqual(['2026-03-18', '2026-03-19', '2026-03-20', '2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24']);
    expect(res.body).toMatchObject({ holidayCalendar: 'decree', provisionalYears: [] });
  });

  it('marks a period in a year without a decree as provisional, with the year', async () => {
    const programme = await t.make.programme();
    const res = await period(programme.id, { startDate: '2029-01-02', workingDays: 3 });
    expect(res.body).toMatchObject({ holidayCalendar: 'provisional', provisionalYears: [2029] });
    const spanning = await period(programme.id, { startDate: '2027-12-29', workingDays: 5 });
    expect(spanning.body).toMatchObject({ holidayCalendar: 'provisional', provisionalYears: [2028] });
    const decreed = await period(programme.id, { startDate: '2027-03-01', workingDays: 3 });
    expect(decreed.body).toMatchObject({ holidayCalendar: 'decree', provisionalYears: [] });
  });

  it('can be replaced for the deployment: later periods use it, earlier ones keep theirs, and it is audited', async () => {
    const programme = await t.make.programme();
    const before = await period(programme.id, { startDate: '2030-01-07', workingDays: 3 });
    const replaced = await t.organiser.put('/holiday-calendars/2030', {
      decree: 'SKB Menteri Agama No. 1 Tahun 2029',
      days: [{ date: '2030-01-08', name: 'Cuti Bersama Contoh', kind: 'cuti_bersama' }],
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ year: 2030, source: 'organiser', decree: 'SKB Menteri Agama No. 1 Tahun 2029', days: [{ date: '2030-01-08', weekday: 'Selasa', kind: 'cuti_bersama' }] });
    expect((await t.organiser.get('/holiday-calendars/2030')).body.source).toBe('organiser');
    const after = await period(programme.id, { startDate: '2030-01-07', workingDays: 3 });
    expect(after.body).toMatchObject({ workingDates: ['2030-01-07', '2030-01-09', '2030-01-10'], holidayCalendar: 'decree' });
    expect((await t.organiser.get(`/asistensi-periods/${before.body.id}`)).body.workingDates).toEqual(before.body.workingDates);
    const audit = (await t.organiser.get('/audit?entity=holidayCalendar&entityId=2030')).body;
    expect(audit[0]).toMatchObject({ action: 'holidayCalendar.replace', before: { source: 'provisional' }, after: { source: 'organiser' } });
  });

  it('refuses calendars with days of another year or a date twice, writing nothing; unit keys may not replace it', async () => {
    const day = (date: string) => ({ date, name: 'Libur', kind: 'holiday' });
    const wrongYear = expectProblem(await t.organiser.put('/holiday-calendars/2030', { decree: 'SKB', days: [day('2031-01-01')] }), 400, 'VALIDATION_FAILED');
    expect(wrongYear.errors).toEqual([{ path: '/body/days/0/date', message: '2031-01-01 is not in 2030' }]);
    expectProblem(await t.organiser.put('/holiday-calendars/2030', { decree: 'SKB', days: [day('2030-05-01'), day('2030-05-01')] }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.organiser.put('/holiday-calendars/2030', { decree: 'SKB', days: [{ ...day('2030-05-01'), kind: 'libur' }] }), 400, 'VALIDATION_FAILED');
    const unit = await t.make.unit();
    expectProblem(await t.as(await t.unitKey(unit.id)).put('/holiday-calendars/2030', { decree: 'SKB', days: [] }), 403, 'FORBIDDEN');
    expect((await t.organiser.get('/holiday-calendars/2030')).body.source).toBe('provisional');
  });
});

describe('workshop days', () => {
  it('are refused on a weekend, a national holiday or cuti bersama, naming each date and why, unless the organiser says so', async () => {
    const programme = await t.make.programme();
    const res = await t.organiser.post(`/programmes/${programme.id}/batches`, {
      name: 'Angkatan Libur',
      days: [
        { date: '2013-10-14', start: '08:00', end: '16:00' },
        { date: '2013-10-15', start: '08:00', end: '16:00' },
        { date: '2013-10-16', start: '08:00', end: '16:00' },
        { date: '2013-10-19', start: '08:00', end: '16:00' },
      ],
    });
    const problem = expectProblem(res, 422, 'NOT_A_WORKING_DAY');
    expect(problem.errors).toEqual([
      { path: '/body/days/0/date', message: expect.stringMatching(/^2013-10-14 is cuti bersama \(Cuti Bersama Hari Raya Idul Adha 1434 Hijriyah\)/) },
      { path: '/body/days/1/date', message: expect.stringMatching(/^2013-10-15 is a national holiday \(Hari Raya Idul Adha 1434 Hijriyah\)/) },
      { path: '/body/days/3/date', message: expect.stringMatching(/^2013-10-19 is a weekend \(Sabtu\)/) },
    ]);
    expect((await t.organiser.get(`/programmes/${programme.id}/batches`)).body).toEqual([]);
    const allowed = await t.organiser.post(`/programmes/${programme.id}/batches`, { name: 'Angkatan Sabtu', days: [{ date: '2013-10-19', start: '08:00', end: '12:00' }], allowNonWorkingDays: true });
    expect(allowed.status).toBe(201);
    expectProblem(await t.organiser.patch(`/batches/${allowed.body.id}`, { days: [{ date: '2013-10-15', start: '08:00', end: '12:00' }] }), 422, 'NOT_A_WORKING_DAY');
    expect((await t.organiser.patch(`/batches/${allowed.body.id}`, { name: 'Angkatan Sabtu (tetap)' })).status).toBe(200);
  });
});
