import { clientFor } from '../helpers/app';
import { CITIES, hostedDeployment, organiserKeyOf, PROVINCE_HOST, type Deployment } from '../helpers/tenants';

/*
 * The province's organisation bureau as the asistensi partner of a city's programme (as the
 * Biro Organisasi co-ran Banjarmasin's in 2013): granted by the city, per programme; it follows
 * the sessions and drafts and records attendance and notes, and sees no official's personal data.
 */

const [banjarmasin, banjarbaru] = CITIES;
const NIP = '198001012006041001';
/** A calendar's text with its folded lines joined (RFC 5545 3.1). */
const unfolded = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

/** A city with a unit, an official, a programme with a draft and a booked session, and a second programme. */
async function cityWithSessions(d: Deployment, city: (typeof CITIES)[number]) {
  const client = clientFor(d.app, await organiserKeyOf(await d.tenant(city.slug)));
  const headers = { host: city.host };
  const unit = (await client.post('/units', { code: 'DISHUB', name: `Dinas Perhubungan ${city.name}`, kind: 'dinas', email: 'dishub@example.go.id' }, headers)).body;
  await client.post('/participants', { nip: NIP, name: 'Budi Santoso', unitId: unit.id, email: 'budi@example.go.id', phone: '081234567890' }, headers);
  const programme = (await client.post('/programmes', { name: `Penyusunan SOP ${city.name}` }, headers)).body;
  const other = (await client.post('/programmes', { name: `Reviu SOP ${city.name}` }, headers)).body;
  expect((await client.post(`/programmes/${programme.id}/drafts`, { unitId: unit.id, title: 'SOP Perizinan Trayek', sopCount: 4 }, headers)).status).toBe(201);
  const period = (await client.post(`/programmes/${programme.id}/asistensi-periods`, { name: 'Asistensi SOP 2013', startDate: '2013-10-21' }, headers)).body;
  const [slot] = (await client.get(`/asistensi-periods/${period.id}/slots`, headers)).body;
  const booking = (await client.post(`/asistensi-periods/${period.id}/bookings`, { unitId: unit.id, slotId: slot.id, topic: 'Perizinan trayek angkutan' }, headers)).body;
  return { client, headers, unit, programme, other, period, booking };
}

/** Banjarbaru makes the province the partner of its first programme; Banjarmasin grants nothing. */
async function oneCityGranting() {
  const d = await hostedDeployment('host');
  const granting = await cityWithSessions(d, banjarbaru);
  const other = await cityWithSessions(d, banjarmasin);
  await granting.client.post(`/programmes/${granting.programme.id}/partners`, { government: 'kalsel' }, granting.headers);
  const province = clientFor(d.app, await organiserKeyOf(d.app.tenancy.home));
  return { d, granting, other, province, at: { host: PROVINCE_HOST } };
}

describe('asistensi partners', () => {
  it('lets a city grant its province a programme, which the province then follows and helps run', async () => {
    const d = await hostedDeployment('host');
    const city = await cityWithSessions(d, banjarbaru);
    const province = clientFor(d.app, await organiserKeyOf(d.app.tenancy.home));
    const at = { host: PROVINCE_HOST };
    expect((await province.get('/partner/programmes', at)).body).toEqual([]);

    const granted = await city.client.post(`/programmes/${city.programme.id}/partners`, { government: 'kalsel' }, city.headers);
    expect(granted.status).toBe(201);
    expect(granted.body).toEqual({ government: 'kalsel', grantedAt: expect.any(String) });
    // Again: nothing changes.
    expect((await city.client.post(`/programmes/${city.programme.id}/partners`, { government: 'kalsel' }, city.headers)).body).toEqual(granted.body);
    expect((await city.client.get(`/programmes/${city.programme.id}/partners`, city.headers)).body).toEqual([granted.body]);

    expect((await province.get('/partner/programmes', at)).body).toEqual([
      { government: { slug: 'banjarbaru', name: 'Kota Banjarbaru' }, programmeId: city.programme.id, programmeName: 'Penyusunan SOP Kota Banjarbaru', grantedAt: granted.body.grantedAt },
    ]);
    const seen = await province.get(`/partner/banjarbaru/programmes/${city.programme.id}`, at);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      government: { slug: 'banjarbaru', name: 'Kota Banjarbaru' },
      programmeName: 'Penyusunan SOP Kota Banjarbaru',
      periods: [{ id: city.period.id, name: 'Asistensi SOP 2013', sessions: [{ bookingId: city.booking.id, unitCode: 'DISHUB', unitName: 'Dinas Perhubungan Kota Banjarbaru', topic: 'Perizinan trayek angkutan', status: 'active', attended: null, notes: null }] }],
      drafts: [{ unitCode: 'DISHUB', unitName: 'Dinas Perhubungan Kota Banjarbaru', title: 'SOP Perizinan Trayek', sopCount: 4, status: 'received' }],
    });
    // Units and sessions only: no official's name, NIP, phone or email, no unit's email.
    for (const personal of [NIP, 'Budi Santoso', '081234567890', 'budi@example.go.id', 'dishub@example.go.id']) expect(JSON.stringify(seen.body)).not.toContain(personal);

    // The session's day comes: the partner records it, and the city sees what it wrote.
    d.clock.set('2013-10-21T03:00:00Z');
    const attended = await province.put(`/partner/banjarbaru/bookings/${city.booking.id}/attendance`, { attended: true }, at);
    expect(attended.status).toBe(200);
    expect(attended.body).toMatchObject({ bookingId: city.booking.id, attended: true });
    const noted = await province.put(`/partner/banjarbaru/bookings/${city.booking.id}/notes`, { notes: 'Alur perizinan perlu dipecah menjadi dua SOP.' }, at);
    expect(noted.body).toMatchObject({ notes: 'Alur perizinan perlu dipecah menjadi dua SOP.' });
    expect((await city.client.get(`/bookings/${city.booking.id}`, city.headers)).body).toMatchObject({ attended: true, notes: 'Alur perizinan perlu dipecah menjadi dua SOP.' });
    const log = (await city.client.get('/audit?entity=booking', city.headers)).body as { action: string; role: string }[];
    expect(log.filter((e) => e.action === 'booking.attendance' || e.action === 'booking.notes').map((e) => e.role)).toEqual(['partner:kalsel', 'partner:kalsel']);

    // Taken back: the programme is gone from the province's view.
    expect((await city.client.delete(`/programmes/${city.programme.id}/partners/kalsel`, city.headers)).status).toBe(204);
    expect((await province.get('/partner/programmes', at)).body).toEqual([]);
    expect((await province.get(`/partner/banjarbaru/programmes/${city.programme.id}`, at)).status).toBe(404);
    expect((await province.put(`/partner/banjarbaru/bookings/${city.booking.id}/notes`, { notes: 'x' }, at)).status).toBe(404);
    expect((await city.client.delete(`/programmes/${city.programme.id}/partners/kalsel`, city.headers)).status).toBe(404);
  });

  it('gives the partner nothing beyond the programmes granted to it', async () => {
    const { d, granting, other, province, at } = await oneCityGranting();
    // Another programme of the same city, another city's programme, a booking of either.
    expect((await province.get(`/partner/banjarbaru/programmes/${granting.other.id}`, at)).status).toBe(404);
    expect((await province.get(`/partner/banjarmasin/programmes/${other.programme.id}`, at)).status).toBe(404);
    expect((await province.put(`/partner/banjarmasin/bookings/${other.booking.id}/attendance`, { attended: true }, at)).status).toBe(404);
    expect((await province.get(`/partner/sleman/programmes/1`, at)).status).toBe(404);
    // Its key is the province's: the city's own API does not know it.
    expect((await province.get('/units', { host: banjarbaru.host })).status).toBe(401);
    // A city's programme can be granted only to the government it answers to.
    const refused = await other.client.post(`/programmes/${other.programme.id}/partners`, { government: 'banjarbaru' }, other.headers);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: '/body/government', message: 'only kalsel, the government banjarmasin answers to, can be this government’s asistensi partner' }]);
    // The province has no government above it to grant; a unit key may not grant.
    const home = clientFor(d.app, await organiserKeyOf(d.app.tenancy.home));
    const own = (await home.post('/programmes', { name: 'SOP Provinsi' }, at)).body;
    expect((await home.post(`/programmes/${own.id}/partners`, { government: 'kalsel' }, at)).body.errors[0].message).toBe('this government answers to no other in this deployment: there is no one to grant');
    const unitKey = (await (await d.tenant('banjarbaru')).services.access.create({ keyId: null, role: 'system', unitId: null }, { role: 'unit', unitId: granting.unit.id, label: 'DISHUB' })).key;
    expect((await clientFor(d.app, unitKey).post(`/programmes/${granting.programme.id}/partners`, { government: 'kalsel' }, granting.headers)).status).toBe(403);
  });

  it('gives the partner a calendar of the sessions it was granted, from every city, at an address it can renew', async () => {
    const { d, granting, other, province, at } = await oneCityGranting();

    const issued = await province.post('/partner/calendar-token', undefined, at);
    expect(issued.status).toBe(201);
    expect(issued.body.url).toMatch(new RegExp(`^https://${PROVINCE_HOST}/calendars/partner/[A-Za-z0-9_-]{43}\\.ics$`));
    expect(issued.body.webcalUrl).toBe(issued.body.url.replace('https:', 'webcal:'));
    const path = new URL(issued.body.url).pathname;
    const feed = await d.app.inject({ url: path, headers: at });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    // The granted city's session, with the UID of the city's own feeds and whose session it is;
    // nothing of the programme it did not grant, nor of the city that granted nothing.
    const cityFeed = (await granting.client.post(`/units/${granting.unit.id}/calendar-token`, undefined, granting.headers)).body;
    const cityUid = /UID:(booking-\d+@\S+)/.exec((await d.app.inject({ url: new URL(cityFeed.url).pathname, headers: granting.headers })).body)![1];
    const events = unfolded(feed.body).split('BEGIN:VEVENT').slice(1);
    expect(events).toHaveLength(1);
    expect(events[0]).toContain(`UID:${cityUid}`);
    expect(events[0]).toContain('(Kota Banjarbaru)');
    expect(events[0]).toContain('Perizinan trayek angkutan');
    expect(feed.body).not.toContain('Banjarmasin');
    for (const personal of [NIP, 'Budi Santoso', '081234567890', 'budi@example.go.id']) expect(feed.body).not.toContain(personal);
    // A poller with the same copy is told nothing changed; a change in the city shows at once.
    expect((await d.app.inject({ url: path, headers: { ...at, 'if-none-match': String(feed.headers.etag) } })).statusCode).toBe(304);
    await other.client.post(`/programmes/${other.programme.id}/partners`, { government: 'kalsel' }, other.headers);
    const both = await d.app.inject({ url: path, headers: { ...at, 'if-none-match': String(feed.headers.etag) } });
    expect(both.statusCode).toBe(200);
    expect(both.body.split('BEGIN:VEVENT')).toHaveLength(3);
    expect(unfolded(both.body)).toContain('(Kota Banjarmasin)');

    // Renewed: the old address is gone (410), the new one serves; the log says who renewed it.
    const renewed = (await province.post('/partner/calendar-token', undefined, at)).body;
    expect((await d.app.inject({ url: path, headers: at })).statusCode).toBe(410);
    expect((await d.app.inject({ url: new URL(renewed.url).pathname, headers: at })).statusCode).toBe(200);
    expect(((await province.get('/audit?entity=partnerFeed', at)).body as { action: string }[]).map((e) => e.action)).toEqual(['partnerFeed.replace', 'partnerFeed.replace']);
    // The address is the province's: no city answers it, and a guess is not found.
    expect((await d.app.inject({ url: new URL(renewed.url).pathname, headers: granting.headers })).statusCode).toBe(404);
    expect((await d.app.inject({ url: `/calendars/partner/${'x'.repeat(43)}.ics`, headers: at })).statusCode).toBe(404);
    // A unit may not make one.
    const unitKey = (await (await d.tenant('banjarbaru')).services.access.create({ keyId: null, role: 'system', unitId: null }, { role: 'unit', unitId: granting.unit.id, label: 'DISHUB' })).key;
    expect((await clientFor(d.app, unitKey).post('/partner/calendar-token', undefined, granting.headers)).status).toBe(403);
  });
});
