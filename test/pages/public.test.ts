import { buildTestApp, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';
import { pageClient, textOf } from '../helpers/pages';

let t: TestApp;
beforeEach(async () => (t = await buildTestApp({ now: '2013-10-11T08:00:00+08:00' })));
afterEach(() => t.app.close());

/** A programme with a batch, an enrolled official and a booked slot. */
async function programmeWithPeople() {
  const { programme, period, slot } = await seedPeriod(t);
  await t.organiser.patch(`/programmes/${programme.id}`, { draftDeadline: '2013-10-31', finalDeadline: '2013-11-29' });
  const unit = await t.make.unit({ name: 'Dinas Perhubungan' });
  const batch = await t.make.batch(programme.id, { name: 'Angkatan I', venue: 'Aula Kayuh Baimbai' });
  const official = await t.make.participant(unit.id, { name: 'Rahmat Hidayat', email: 'rahmat@example.go.id', phone: '081251234567' });
  await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: official.id });
  await t.as(await t.unitKey(unit.id)).post(`/asistensi-periods/${period.id}/bookings`, { unitId: unit.id, slotId: slot('2013-10-21').id });
  return { programme, official };
}

describe('the public programme page', () => {
  it('shows the programme, its batches, deadlines and schedule, and nothing about any official', async () => {
    const { programme, official } = await programmeWithPeople();
    const page = await pageClient(t.app).get(`/p/${programme.id}`);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Penyusunan SOP 2013');
    expect(text).toContain('Kamis, 31 Oktober 2013');
    expect(text).toContain('Angkatan I');
    expect(text).toContain('Senin, 7 Oktober 2013, 08.00–16.00 WITA');
    expect(text).toContain('Aula Kayuh Baimbai');
    expect(text).toMatch(/Senin, 21 Oktober 2013 09\.00–12\.00 WITA Terisi 13\.00–16\.00 WITA Kosong/);
    for (const secret of ['Rahmat Hidayat', official.nip, 'rahmat@example.go.id', '081251234567', 'Dinas Perhubungan']) expect(page.body).not.toContain(secret);
    expect(page.body).toMatch(/href="webcal:\/\/sop\.banjarmasinkota\.go\.id\/calendars\/programmes\/\d+\.ics"/);
    expect(page.body).toMatch(/href="webcal:\/\/sop\.banjarmasinkota\.go\.id\/calendars\/batches\/\d+\.ics"/);
  });

  it('names the units on the schedule only when the organiser allows it', async () => {
    const { programme } = await programmeWithPeople();
    await t.organiser.patch(`/programmes/${programme.id}`, { publicUnitNames: true });
    const text = textOf((await pageClient(t.app).get(`/p/${programme.id}`)).body);
    expect(text).toContain('Dinas Perhubungan');
    expect(text).not.toContain('Rahmat Hidayat');
  });

  it('does not exist for a private programme, an unknown one or a bad id, in the visitor’s language', async () => {
    const { programme } = await programmeWithPeople();
    await t.organiser.patch(`/programmes/${programme.id}`, { publicCalendar: false });
    for (const url of [`/p/${programme.id}`, '/p/999', '/p/abc']) {
      const page = await pageClient(t.app).get(url);
      expect({ url, status: page.status }).toEqual({ url, status: 404 });
      expect(textOf(page.body)).toContain('Halaman tidak ditemukan');
    }
    const english = await pageClient(t.app, { acceptLanguage: 'en' }).get('/p/999');
    expect(textOf(english.body)).toContain('Page not found');
  });

  it('lists the public programmes on the welcome page', async () => {
    const { programme } = await programmeWithPeople();
    const hidden = await t.make.programme({ name: 'Program internal', publicCalendar: false });
    const page = await pageClient(t.app).get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`href="/p/${programme.id}"`);
    expect(page.body).not.toContain(`href="/p/${hidden.id}"`);
    expect(page.body).toContain('href="/masuk"');
  });
});
