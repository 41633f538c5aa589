import { buildTestApp, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';
import { signedInPerson, textOf, type PageClient } from '../helpers/pages';

/*
 * Every refusal of a form says what is wrong and how to write it, in both languages, and the
 * error summary names each field by its label, linking to it. Times and dates are read as
 * people write them ("08.00", "31/12/2027"), a NIP with its spaces or dots.
 */

let t: TestApp;
beforeEach(async () => (t = await buildTestApp({ now: '2013-09-02T01:00:00Z' })));
afterEach(() => t.app.close());

const count = (table: string) => t.count(table);
const organiser = async () => (await signedInPerson(t.app, t.organiser, { email: 'organisasi@contoh.go.id', name: 'Rina', role: 'organiser' })).client;
const inEnglish = async (client: PageClient) => client.get('/bahasa/en?kembali=/');
/** The error summary's text and its links (href and words). */
const summaryOf = (html: string) => {
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
  return { text: textOf(summary), links: [...summary.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map((m) => [m[1], textOf(m[2]!)]) };
};

describe('a NIP refused part by part', () => {
  let operator: PageClient;
  beforeEach(async () => {
    const unit = await t.make.unit({ name: 'Dinas Kesehatan' });
    operator = (await signedInPerson(t.app, t.organiser, { email: 'operator@dinkes.contoh.go.id', name: 'Sari', role: 'unit', unitId: unit.id })).client;
    await operator.get('/unit/pejabat/baru');
  });

  const cases: [string, string, string, string][] = [
    [
      '19800412 200501 1 00',
      'length',
      'NIP terdiri atas 18 angka: tanggal lahir (8 angka, tahun-bulan-tanggal), tahun dan bulan pengangkatan (6 angka), jenis kelamin (1 atau 2) dan nomor urut (3 angka), misalnya 19800412 200501 1 003. Yang ditulis 17 angka.',
      'A NIP has 18 digits: the birth date (8 digits, year-month-day), the appointment year and month (6 digits), the sex (1 or 2) and a serial (3 digits), for example 19800412 200501 1 003. 17 digit(s) were given.',
    ],
    [
      '19801312 200501 1 003',
      'birth date (month 13)',
      'Angka ke-1 sampai ke-8 NIP adalah tanggal lahir (tahun, bulan, tanggal, misalnya 19800412), tetapi 19801312 bukan tanggal yang ada.',
      'Digits 1 to 8 of a NIP are the birth date (year, month, day, for example 19800412), but 19801312 is not a date that exists.',
    ],
    [
      '19800412 200513 1 003',
      'appointment (month 13)',
      'Angka ke-9 sampai ke-14 NIP adalah tahun dan bulan pengangkatan (misalnya 200501), tetapi 200513 bukan tahun dan bulan yang benar (bulan 01–12).',
      'Digits 9 to 14 of a NIP are the appointment year and month (for example 200501), but 200513 is not a real year and month (month 01–12).',
    ],
    [
      '19800412 197501 1 003',
      'appointment before birth',
      'Angka ke-9 sampai ke-14 NIP (197501) adalah tahun dan bulan pengangkatan; tidak mungkin sebelum tanggal lahir (angka ke-1 sampai ke-8).',
      'Digits 9 to 14 of a NIP (197501) are the appointment year and month; they cannot be before the birth date (digits 1 to 8).',
    ],
    ['19800412 200501 3 003', 'sex', 'Angka ke-15 NIP adalah jenis kelamin: 1 (laki-laki) atau 2 (perempuan), bukan 3.', 'Digit 15 of a NIP is the sex: 1 (male) or 2 (female), not 3.'],
  ];

  it.each(cases)('%s (%s) in Indonesian and in English, beside the field and in the summary with its label', async (nip, _part, indonesian, english) => {
    const refused = await operator.post('/unit/pejabat/baru', { nip, name: 'Budi Santoso' });
    expect(refused.status).toBe(400);
    expect(textOf(/<p class="field__error" id="nip-error">[\s\S]*?<\/p>/.exec(refused.body)?.[0] ?? '')).toBe(indonesian);
    expect(summaryOf(refused.body).links).toEqual([['#nip', `NIP: ${indonesian}`]]);
    // What was typed is put back as typed.
    expect(refused.body).toContain(`value="${nip}"`);

    await inEnglish(operator);
    const inEn = await operator.post('/unit/pejabat/baru', { nip, name: 'Budi Santoso' });
    expect(textOf(/<p class="field__error" id="nip-error">[\s\S]*?<\/p>/.exec(inEn.body)?.[0] ?? '')).toBe(english);
    expect(summaryOf(inEn.body).links).toEqual([['#nip', `NIP: ${english}`]]);
    expect(await count('participants')).toBe(0);
  });

  it('takes a NIP as it is printed, with spaces or dots', async () => {
    expect(await operator.post('/unit/pejabat/baru', { nip: '19800412 200501 1 003', name: 'Budi Santoso' })).toMatchObject({ status: 303 });
    expect(await operator.post('/unit/pejabat/baru', { nip: '19810412.200601.2.004', name: 'Sri Wahyuni' })).toMatchObject({ status: 303 });
    expect(await t.sql('select nip from participants order by nip')).toEqual([{ nip: '198004122005011003' }, { nip: '198104122006012004' }]);
  });
});

describe('times and dates as people write them', () => {
  let desk: PageClient;
  let url: string;
  beforeEach(async () => {
    desk = await organiser();
    const programme = await t.make.programme({ timezone: 'WITA' });
    url = `/organisasi/program/${programme.id}/angkatan`;
    await desk.get(url);
  });
  const batch = (fields: Record<string, string>) => ({ name: 'Angkatan I', venue: 'Aula', capacity: '50', unitQuota: '3', ...fields });
  const days = () => t.sql('select date, start_time start, end_time "end" from batch_days order by date');

  it('takes "08.00", "8.00", "08:00" and "8:00", and dates typed 07/10/2013, 8-10-2013 or 9.10.2013', async () => {
    const placed = await desk.post(
      url,
      batch({ 'date-1': '07/10/2013', 'start-1': '08.00', 'end-1': '15.30', 'date-2': '8-10-2013', 'start-2': '8.00', 'end-2': '16:00', 'date-3': '9.10.2013', 'start-3': '8:00', 'end-3': '12.00' }),
    );
    expect(placed).toMatchObject({ status: 303 });
    expect(await days()).toEqual([
      { date: '2013-10-07', start: '08:00', end: '15:30' },
      { date: '2013-10-08', start: '08:00', end: '16:00' },
      { date: '2013-10-09', start: '08:00', end: '12:00' },
    ]);
  });

  it('refuses a time that is not one, saying how to write it, in both languages', async () => {
    const refused = await desk.post(url, batch({ 'date-1': '2013-10-07', 'start-1': '25.00', 'end-1': 'sore' }));
    expect(refused.status).toBe(400);
    const id = 'Tulis jam seperti 08.00 atau 13.30 (jam 00–23, menit 00–59).';
    const summary = summaryOf(refused.body);
    expect(summary.links).toContainEqual(['#start-1', expect.stringMatching(new RegExp(`: ${id.replace(/[.()]/g, '\\$&')}$`))]);
    expect(summary.links.map(([href]) => href)).toEqual(['#start-1', '#end-1']);
    expect(textOf(refused.body)).toContain(id);
    await inEnglish(desk);
    const inEn = await desk.post(url, batch({ 'date-1': '2013-10-07', 'start-1': '25.00', 'end-1': '16:00' }));
    expect(textOf(inEn.body)).toContain('Write the time like 08:00 or 13:30 (08.00 and 8.00 work too; hours 00–23, minutes 00–59).');
    expect(await count('batches')).toBe(0);
  });

  it('refuses a date that is not one, or not in the calendar, saying how to write it, in both languages', async () => {
    const refused = await desk.post(url, batch({ 'date-1': '31/02/2014', 'start-1': '08:00', 'end-1': '16:00', 'date-2': 'besok', 'start-2': '08:00', 'end-2': '16:00' }));
    expect(refused.status).toBe(400);
    const text = textOf(refused.body);
    expect(text).toContain('Tanggal 31/02/2014 tidak ada di kalender. Tulis tanggal seperti 31/12/2027 (tanggal/bulan/tahun).');
    expect(text).toContain('Tulis tanggal seperti 31/12/2027 (tanggal/bulan/tahun).');
    await inEnglish(desk);
    const inEn = textOf((await desk.post(url, batch({ 'date-1': '31/02/2014', 'start-1': '08:00', 'end-1': '16:00', 'date-2': 'tomorrow', 'start-2': '08:00', 'end-2': '16:00' }))).body);
    expect(inEn).toContain('31/02/2014 is not a date in the calendar. Write the date like 31/12/2027 (day/month/year).');
    expect(inEn).toContain('Write the date like 31/12/2027 (day/month/year).');
    expect(await count('batches')).toBe(0);
  });

  it('takes a period’s slot times as printed and its booking window typed as 31/12/2027 08.00', async () => {
    const programme = await t.make.programme({ timezone: 'WITA' });
    const periodUrl = `/organisasi/program/${programme.id}/asistensi/baru`;
    await desk.get(periodUrl);
    const created = await desk.post(periodUrl, {
      name: 'Asistensi SOP',
      startDate: '07/10/2013',
      workingDays: '2',
      'slotStart-1': '9.00',
      'slotEnd-1': '12.00',
      bookingOpensAt: '02/10/2013 08.00',
      cancelNoticeHours: '24',
      skipWeekends: 'true',
      useNationalHolidays: 'true',
      aksi: 'simpan',
    });
    expect(created).toMatchObject({ status: 303 });
    expect(await t.sqlOne('select start_date, booking_opens_at from asistensi_periods')).toEqual({ start_date: '2013-10-07', booking_opens_at: '2013-10-02T00:00:00.000Z' });
    expect(await t.sql('select distinct start_time start, end_time "end" from slots')).toEqual([{ start: '09:00', end: '12:00' }]);
    const refused = await desk.post(periodUrl, { name: 'Asistensi SOP', startDate: '2013-10-07', workingDays: '2', 'slotStart-1': '09:00', 'slotEnd-1': '12:00', bookingOpensAt: 'besok pagi', aksi: 'simpan' });
    expect(textOf(refused.body)).toContain('Tulis tanggal dan jam seperti 31/12/2027 08.00.');
  });
});

describe('a walk-in on a day still to come', () => {
  it('is refused with a sentence that says so, in both languages', async () => {
    const { period } = await seedPeriod(t);
    const dinkes = await t.make.unit({ name: 'Dinas Kesehatan' });
    t.clock.set('2013-10-21T13:00:00+08:00');
    const desk = await organiser();
    const url = `/organisasi/asistensi/${period.id}`;
    await desk.get(url);
    const refused = await desk.post(`${url}/datang`, { unitId: String(dinkes.id), date: '25/10/2013' });
    expect(refused.status).toBe(400);
    const id = 'Kedatangan pada Jumat, 25 Oktober 2013 belum terjadi: hari ini Senin, 21 Oktober 2013. Catat kedatangan pada hari itu atau sesudahnya.';
    expect(summaryOf(refused.body).links).toEqual([['#date', expect.stringMatching(/: Kedatangan pada Jumat, 25 Oktober 2013 belum terjadi/)]]);
    expect(textOf(/<p class="field__error" id="date-error">[\s\S]*?<\/p>/.exec(refused.body)?.[0] ?? '')).toBe(id);
    await inEnglish(desk);
    const inEn = await desk.post(`${url}/datang`, { unitId: String(dinkes.id), date: '2013-10-25' });
    expect(textOf(inEn.body)).toContain('A visit on Friday, 25 October 2013 has not happened yet: today is Monday, 21 October 2013. Record it on that day or later.');
    expect(await count('walk_ins')).toBe(0);
  });
});

describe('the programme’s settings', () => {
  it('saves the asistensi partner and the certificate signatory, refusing a bad signatory NIP in words', async () => {
    const desk = await organiser();
    const programme = await t.make.programme();
    const url = `/organisasi/program/${programme.id}/ubah`;
    const form = { name: 'Penyusunan SOP 2027', timezone: 'Asia/Makassar', publicCalendar: 'true', asistensiPartner: 'Biro Organisasi Setda Provinsi', signatoryName: 'Dra. Siti Rahmah, M.Si.', signatoryPosition: 'Kepala Bagian Organisasi' };
    await desk.get(url);
    const refused = await desk.post(url, { ...form, signatoryNip: '19700101 199503 3 001' });
    expect(refused.status).toBe(400);
    expect(summaryOf(refused.body).links).toEqual([['#signatoryNip', 'NIP penanda tangan: Angka ke-15 NIP adalah jenis kelamin: 1 (laki-laki) atau 2 (perempuan), bukan 3.']]);
    expect((await t.organiser.get(`/programmes/${programme.id}`)).body.signatoryNip).toBeNull();

    expect(await desk.post(url, { ...form, signatoryNip: '19700101 199503 2 001' })).toMatchObject({ status: 303 });
    expect((await t.organiser.get(`/programmes/${programme.id}`)).body).toMatchObject({ asistensiPartner: 'Biro Organisasi Setda Provinsi', signatoryName: 'Dra. Siti Rahmah, M.Si.', signatoryNip: '197001011995032001' });
    const page = await desk.get(url);
    expect(page.body).toContain('value="19700101 199503 2 001"');
    expect(textOf((await desk.get(`/organisasi/program/${programme.id}`)).body)).toContain('Penanda tangan sertifikat: Dra. Siti Rahmah, M.Si., Kepala Bagian Organisasi');
    // A service's refusal by a named rule is said in words too, dates written out.
    const order = await desk.post(url, { ...form, draftDeadline: '18/10/2013', finalDeadline: '01/10/2013' });
    expect(summaryOf(order.body).links).toEqual([['#finalDeadline', 'Batas draf final: Batas draf final tidak boleh sebelum batas pengiriman draf (Jumat, 18 Oktober 2013).']]);
    // Emptied, the settings are none again.
    expect(await desk.post(url, { ...form, asistensiPartner: '', signatoryName: '', signatoryPosition: '', signatoryNip: '' })).toMatchObject({ status: 303 });
    expect((await t.organiser.get(`/programmes/${programme.id}`)).body).toMatchObject({ asistensiPartner: null, signatoryName: null, signatoryNip: null });
  });
});
