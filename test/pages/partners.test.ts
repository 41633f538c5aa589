import { systemActor } from '../../src/platform/actor';
import { clientFor } from '../helpers/app';
import { pageClient, textOf } from '../helpers/pages';
import { hostedDeployment, organiserKeyOf } from '../helpers/tenants';

/*
 * The province's partner pages: a session's attendance and notes, which the city writes too;
 * a save over the city's change since the page was read is refused, what was typed kept.
 */
const PASSWORD = 'kopi-pagi-di-martapura';

it('refuses a partner’s notes written over the city’s change since, keeping what was typed', async () => {
  const d = await hostedDeployment('path');
  const city = clientFor(d.app, await organiserKeyOf(await d.tenant('banjarbaru')));
  const at = (url: string) => `/g/banjarbaru${url}`;
  const unit = (await city.post(at('/units'), { code: 'DISHUB', name: 'Dinas Perhubungan Kota Banjarbaru', kind: 'dinas' })).body;
  const programme = (await city.post(at('/programmes'), { name: 'Penyusunan SOP Kota Banjarbaru' })).body;
  const period = (await city.post(at(`/programmes/${programme.id}/asistensi-periods`), { name: 'Asistensi SOP 2013', startDate: '2013-10-21' })).body;
  const [slot] = (await city.get(at(`/asistensi-periods/${period.id}/slots`))).body;
  const booking = (await city.post(at(`/asistensi-periods/${period.id}/bookings`), { unitId: unit.id, slotId: slot.id })).body;
  await city.post(at(`/programmes/${programme.id}/partners`), { government: 'kalsel' });

  const invited = await d.app.tenancy.home.services.users.invite(systemActor, { role: 'organiser', email: 'rina@kalselprov.go.id', name: 'Rina Kartika' });
  const pages = pageClient(d.app);
  const link = new URL(invited.setPasswordUrl).pathname;
  await pages.get(link);
  await pages.post(link, { password: PASSWORD, confirm: PASSWORD });
  await pages.get('/masuk');
  await pages.post('/masuk', { email: 'rina@kalselprov.go.id', password: PASSWORD });

  const page = `/organisasi/mitra/banjarbaru/program/${programme.id}`;
  expect((await pages.get(page)).body).toMatch(/name="before" value(="")?\/>/);
  await city.put(at(`/bookings/${booking.id}/notes`), { notes: 'Catatan Bagian Organisasi kota.' });
  const late = await pages.post(`/organisasi/mitra/banjarbaru/sesi/${booking.id}`, { programmeId: String(programme.id), attended: '', notes: 'Catatan biro provinsi.', before: '' });
  expect(late.status).toBe(409);
  expect(textOf(late.body)).toContain('Catatan sesi ini baru saja diubah orang lain menjadi: “Catatan Bagian Organisasi kota.”');
  expect(late.body).toContain('>Catatan biro provinsi.</textarea>');
  expect((await city.get(at(`/bookings/${booking.id}`))).body.notes).toBe('Catatan Bagian Organisasi kota.');
  // Written again from what the city wrote: saved.
  const saved = await pages.post(`/organisasi/mitra/banjarbaru/sesi/${booking.id}`, { programmeId: String(programme.id), attended: '', notes: 'Catatan Bagian Organisasi kota. Catatan biro provinsi.', before: 'Catatan Bagian Organisasi kota.' });
  expect(saved.status).toBe(303);
  expect((await city.get(at(`/bookings/${booking.id}`))).body.notes).toBe('Catatan Bagian Organisasi kota. Catatan biro provinsi.');
});
