import ExcelJS from 'exceljs';
import { buildTestApp, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';
import { signedInPerson, type PageClient } from '../helpers/pages';
import { pdfPages } from '../helpers/pdf';

let t: TestApp;
let desk: PageClient;
beforeEach(async () => {
  t = await buildTestApp({ now: '2013-10-01T01:00:00Z' });
  desk = (await signedInPerson(t.app, t.organiser, { email: 'organisasi@banjarmasinkota.go.id', name: 'Rina', role: 'organiser' })).client;
});
afterEach(() => t.app.close());

/** GETs a file with the browser's cookie and answers its bytes. */
async function download(client: PageClient, url: string) {
  const cookie = [...client.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return t.app.inject({ method: 'GET', url, headers: { cookie } });
}

describe('downloads for people signed in', () => {
  it('serves the printed documents and the progress spreadsheets to the organiser, and a unit its own invitation', async () => {
    const { programme, period, slot } = await seedPeriod(t);
    const batch = await t.make.batch(programme.id, { name: 'Angkatan I' });
    const dishub = await t.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan' });
    const person = await t.make.participant(dishub.id, { name: 'Rahmat Hidayat' });
    await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: person.id });
    await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: dishub.id, slotId: slot('2013-10-21').id });

    const sheet = await download(desk, `/organisasi/angkatan/${batch.id}/daftar-hadir.pdf?hari=1`);
    expect(sheet.statusCode).toBe(200);
    expect((await pdfPages(sheet.rawPayload)).join(' ')).toContain('Rahmat Hidayat');
    const schedule = await download(desk, `/organisasi/asistensi/${period.id}/jadwal.pdf`);
    expect((await pdfPages(schedule.rawPayload)).join(' ')).toContain('Dinas Perhubungan');
    const invitation = await download(desk, `/organisasi/unit/${dishub.id}/undangan.pdf?program=${programme.id}`);
    expect(invitation.headers['content-type']).toBe('application/pdf');

    const xlsx = await download(desk, `/organisasi/program/${programme.id}/progres.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain(`progres-program-${programme.id}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.some((row) => row.includes('Dinas Perhubungan'))).toBe(true);
    const csv = await download(desk, `/organisasi/program/${programme.id}/progres.csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toContain('Dinas Perhubungan');
    expect((await download(desk, `/organisasi/program/${programme.id}/progres.pdf`)).statusCode).toBe(404);

    const { client: operator } = await signedInPerson(t.app, t.organiser, { email: 'op@dishub.example.go.id', name: 'Siti', role: 'unit', unitId: dishub.id });
    const own = await download(operator, `/unit/program/${programme.id}/undangan.pdf`);
    expect(own.statusCode).toBe(200);
    expect((await pdfPages(own.rawPayload)).join(' ')).toContain('Rahmat Hidayat');
    expect((await download(operator, `/organisasi/asistensi/${period.id}/jadwal.pdf`)).statusCode).toBe(403);
  });
});
