import { buildTestApp, clientFor, expectProblem, makeNip, type Reply, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';

// The sweep calls every route for every caller: on a busy CI machine it has taken over 30 s.
jest.setTimeout(120_000);

/**
 * Every route the server has, against every kind of caller. The route list comes from the
 * server itself, so a route added without an entry here fails this test.
 */

type Scenario = Awaited<ReturnType<typeof scenario>>;
type Call = { path: (s: Scenario) => string; body?: (s: Scenario) => unknown };

/**
 * public: no key needed. organiser: organiser keys only. unit: unit keys too, and `foreign`
 * says what unit A gets when the call is about unit B: a status, or 'own-only' (200, and
 * nothing of B's in the answer).
 */
type Rule = Call & ({ access: 'public' } | { access: 'organiser' } | { access: 'unit'; foreign: 403 | 404 | 422 | 'own-only' | 'shared' });

/** Marks everything that belongs to unit B, so a leak shows in any answer. */
const B_MARK = 'RAHASIA-B';

async function scenario(t: TestApp) {
  const { programme, period, slot } = await seedPeriod(t);
  const batch = await t.make.batch(programme.id, { name: 'Angkatan I' });
  const spareBatch = await t.make.batch(programme.id, { name: 'Angkatan Kosong' });
  const unitA = await t.make.unit({ code: 'UNIT-A', name: 'Dinas A' });
  const unitB = await t.make.unit({ code: B_MARK, name: `Dinas ${B_MARK}` });
  const personA = await t.make.participant(unitA.id, { name: 'Pegawai A' });
  const personB = await t.make.participant(unitB.id, { name: `Pegawai ${B_MARK}` });
  const spareB = await t.make.participant(unitB.id, { name: `Cadangan ${B_MARK}` });
  const enrolmentB = (await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: personB.id })).body;
  await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: personA.id });
  await t.organiser.post(`/programmes/${programme.id}/drafts`, { unitId: unitB.id, title: `Draft ${B_MARK}`, sopCount: 2 });
  const requestB = (await t.organiser.post(`/asistensi-periods/${period.id}/requests`, { unitId: unitB.id, notes: B_MARK })).body;
  const bookingB = (await t.organiser.post(`/asistensi-periods/${period.id}/bookings`, { unitId: unitB.id, slotId: slot('2013-10-21').id })).body;
  const draftB = (await t.organiser.get(`/programmes/${programme.id}/drafts`)).body[0];
  t.clock.set('2013-10-25T10:00:00+08:00');
  const walkInB = (await t.organiser.post(`/asistensi-periods/${period.id}/walk-ins`, { unitId: unitB.id, date: '2013-10-22' })).body;
  const throwawayKey = (await t.organiser.post('/api-keys', { role: 'organiser', label: 'throwaway' })).body;
  const operatorB = (await t.organiser.post('/users', { email: 'operator-b@example.go.id', name: `Operator ${B_MARK}`, role: 'unit', unitId: unitB.id })).body;
  return { operatorB, programme, period, slot, batch, spareBatch, unitA, unitB, personB, spareB, enrolmentB, bookingB, draftB, requestB, walkInB, throwawayKey };
}

const RULES: Record<string, Rule> = {
  'GET /health': { access: 'public', path: () => '/health' },
  'GET /health/live': { access: 'public', path: () => '/health/live' },
  'GET /health/ready': { access: 'public', path: () => '/health/ready' },
  'GET /assets/:version/:name': { access: 'public', path: () => '/assets/any/app.css' },
  'GET /docs': { access: 'public', path: () => '/docs' },
  'GET /docs/json': { access: 'public', path: () => '/docs/json' },
  'GET /docs/yaml': { access: 'public', path: () => '/docs/yaml' },
  'GET /docs/static/index.html': { access: 'public', path: () => '/docs/static/index.html' },
  'GET /docs/static/swagger-initializer.js': { access: 'public', path: () => '/docs/static/swagger-initializer.js' },
  'GET /docs/static/*': { access: 'public', path: () => '/docs/static/swagger-ui.css' },
  'GET /calendars/programmes/:id.ics': { access: 'public', path: (s) => `/calendars/programmes/${s.programme.id}.ics` },
  'GET /calendars/batches/:id.ics': { access: 'public', path: (s) => `/calendars/batches/${s.batch.id}.ics` },
  'GET /calendars/units/:token.ics': { access: 'public', path: () => `/calendars/units/${'x'.repeat(43)}.ics` },
  'GET /calendars/partner/:token.ics': { access: 'public', path: () => `/calendars/partner/${'x'.repeat(43)}.ics` },
  'POST /berhenti-email/:token': { access: 'public', path: () => '/berhenti-email/1.booking_confirmed.not-a-signature' },

  'POST /api-keys': { access: 'organiser', path: () => '/api-keys', body: () => ({ role: 'organiser', label: 'new' }) },
  'GET /api-keys': { access: 'organiser', path: () => '/api-keys' },
  'DELETE /api-keys/:id': { access: 'organiser', path: (s) => `/api-keys/${s.throwawayKey.id}` },
  'GET /holiday-calendars/:year': { access: 'unit', foreign: 'shared', path: () => '/holiday-calendars/2013' },
  'PUT /holiday-calendars/:year': { access: 'organiser', path: () => '/holiday-calendars/2031', body: () => ({ decree: 'SKB 2031', days: [{ date: '2031-01-01', name: 'Tahun Baru 2031 Masehi', kind: 'holiday' }] }) },
  'GET /me': { access: 'unit', foreign: 'own-only', path: () => '/me' },
  'POST /users': { access: 'organiser', path: () => '/users', body: (s) => ({ email: 'new-operator@example.go.id', name: 'Operator Baru', role: 'unit', unitId: s.unitA.id }) },
  'GET /users': { access: 'organiser', path: () => '/users' },
  'GET /users/:id': { access: 'organiser', path: (s) => `/users/${s.operatorB.id}` },
  'PATCH /users/:id': { access: 'organiser', path: (s) => `/users/${s.operatorB.id}`, body: () => ({ name: 'Operator Berganti Nama' }) },
  'POST /users/:id/password-link': { access: 'organiser', path: (s) => `/users/${s.operatorB.id}/password-link` },
  'GET /programmes/:id/asistensi-periods': { access: 'unit', foreign: 'shared', path: (s) => `/programmes/${s.programme.id}/asistensi-periods` },
  'POST /participants/import': { access: 'unit', foreign: 422, path: () => '/participants/import', body: () => `unitCode,nip,name\n${B_MARK},${makeNip(900)},Pegawai Impor\n` },
  'POST /units': { access: 'organiser', path: () => '/units', body: () => ({ code: 'BARU', name: 'Unit Baru', kind: 'kantor' }) },
  'GET /units': { access: 'organiser', path: () => '/units' },
  'POST /units/import': { access: 'organiser', path: () => '/units/import', body: () => 'code,name,kind\nIMP,Impor,dinas\n' },
  'GET /units/:id': { access: 'unit', foreign: 404, path: (s) => `/units/${s.unitB.id}` },
  'GET /units/:id/invitation.pdf': { access: 'unit', foreign: 404, path: (s) => `/units/${s.unitB.id}/invitation.pdf?programmeId=${s.programme.id}` },
  'GET /units/:id/standing': { access: 'unit', foreign: 404, path: (s) => `/units/${s.unitB.id}/standing?programmeId=${s.programme.id}` },
  'GET /batches/:id/attendance-sheet.pdf': { access: 'organiser', path: (s) => `/batches/${s.batch.id}/attendance-sheet.pdf?day=1` },
  'GET /asistensi-periods/:id/schedule.pdf': { access: 'organiser', path: (s) => `/asistensi-periods/${s.period.id}/schedule.pdf` },
  'GET /enrolments/:id/certificate.pdf': { access: 'organiser', path: (s) => `/enrolments/${s.enrolmentB.id}/certificate.pdf` },
  'PATCH /units/:id': { access: 'organiser', path: (s) => `/units/${s.unitB.id}`, body: () => ({ email: 'b@example.go.id' }) },
  'POST /participants': { access: 'unit', foreign: 403, path: () => '/participants', body: (s) => ({ nip: makeNip(777), name: 'Baru', unitId: s.unitB.id }) },
  'GET /participants': { access: 'unit', foreign: 403, path: (s) => `/participants?unitId=${s.unitB.id}` },
  'GET /participants/:id': { access: 'unit', foreign: 404, path: (s) => `/participants/${s.personB.id}` },
  'PATCH /participants/:id': { access: 'unit', foreign: 404, path: (s) => `/participants/${s.personB.id}`, body: () => ({ name: 'Diubah' }) },
  'DELETE /participants/:id': { access: 'unit', foreign: 404, path: (s) => `/participants/${s.spareB.id}` },
  'POST /programmes': { access: 'organiser', path: () => '/programmes', body: () => ({ name: 'Program Baru' }) },
  'GET /programmes': { access: 'unit', foreign: 'shared', path: () => '/programmes' },
  'GET /programmes/:id': { access: 'unit', foreign: 'shared', path: (s) => `/programmes/${s.programme.id}` },
  'PATCH /programmes/:id': { access: 'organiser', path: (s) => `/programmes/${s.programme.id}`, body: () => ({ organiserEmail: 'o@example.go.id' }) },
  'GET /programmes/:id/progress': { access: 'organiser', path: (s) => `/programmes/${s.programme.id}/progress` },
  'GET /governments/progress': { access: 'organiser', path: () => '/governments/progress' },
  // A deployment of one government has no partner: the organiser's calls are refused on the data (404, 400).
  'GET /programmes/:id/partners': { access: 'organiser', path: (s) => `/programmes/${s.programme.id}/partners` },
  'POST /programmes/:id/partners': { access: 'organiser', path: (s) => `/programmes/${s.programme.id}/partners`, body: () => ({ government: 'kalsel' }) },
  'DELETE /programmes/:id/partners/:government': { access: 'organiser', path: (s) => `/programmes/${s.programme.id}/partners/kalsel` },
  'GET /partner/programmes': { access: 'organiser', path: () => '/partner/programmes' },
  'POST /partner/calendar-token': { access: 'organiser', path: () => '/partner/calendar-token', body: () => ({}) },
  'GET /partner/:government/programmes/:id': { access: 'organiser', path: (s) => `/partner/banjarbaru/programmes/${s.programme.id}` },
  'PUT /partner/:government/bookings/:id/attendance': { access: 'organiser', path: (s) => `/partner/banjarbaru/bookings/${s.bookingB.id}/attendance`, body: () => ({ attended: true }) },
  'PUT /partner/:government/bookings/:id/notes': { access: 'organiser', path: (s) => `/partner/banjarbaru/bookings/${s.bookingB.id}/notes`, body: () => ({ notes: 'x' }) },
  'POST /programmes/:id/batches': {
    access: 'organiser',
    path: (s) => `/programmes/${s.programme.id}/batches`,
    body: () => ({ name: 'Angkatan Baru', days: [{ date: '2013-10-09', start: '08:00', end: '16:00' }] }),
  },
  'GET /programmes/:id/batches': { access: 'unit', foreign: 'shared', path: (s) => `/programmes/${s.programme.id}/batches` },
  'GET /batches/:id': { access: 'unit', foreign: 'shared', path: (s) => `/batches/${s.batch.id}` },
  'PATCH /batches/:id': { access: 'organiser', path: (s) => `/batches/${s.batch.id}`, body: () => ({ venue: 'Aula' }) },
  'DELETE /batches/:id': { access: 'organiser', path: (s) => `/batches/${s.spareBatch.id}` },
  'POST /programmes/:id/distribute': { access: 'organiser', path: (s) => `/programmes/${s.programme.id}/distribute`, body: () => ({ dryRun: true }) },
  'POST /batches/:id/enrolments': { access: 'unit', foreign: 422, path: (s) => `/batches/${s.spareBatch.id}/enrolments`, body: (s) => ({ participantId: s.spareB.id }) },
  'GET /batches/:id/enrolments': { access: 'unit', foreign: 'own-only', path: (s) => `/batches/${s.batch.id}/enrolments` },
  'GET /enrolments/:id': { access: 'unit', foreign: 404, path: (s) => `/enrolments/${s.enrolmentB.id}` },
  'DELETE /enrolments/:id': { access: 'unit', foreign: 404, path: (s) => `/enrolments/${s.enrolmentB.id}` },
  'PATCH /enrolments/:id': { access: 'organiser', path: (s) => `/enrolments/${s.enrolmentB.id}`, body: (s) => ({ batchId: s.spareBatch.id }) },
  'POST /enrolments/:id/promote': { access: 'organiser', path: (s) => `/enrolments/${s.enrolmentB.id}/promote` },
  'PUT /enrolments/:id/attendance': { access: 'organiser', path: (s) => `/enrolments/${s.enrolmentB.id}/attendance`, body: () => ({ date: '2013-10-07', present: true }) },
  'PUT /batches/:id/attendance': { access: 'organiser', path: (s) => `/batches/${s.batch.id}/attendance`, body: (s) => ({ date: '2013-10-07', present: [s.enrolmentB.id] }) },
  'POST /programmes/:id/drafts': { access: 'unit', foreign: 403, path: (s) => `/programmes/${s.programme.id}/drafts`, body: (s) => ({ unitId: s.unitB.id, title: 'Draft', sopCount: 1 }) },
  'GET /programmes/:id/drafts': { access: 'unit', foreign: 'own-only', path: (s) => `/programmes/${s.programme.id}/drafts` },
  'GET /drafts/:id/document': { access: 'unit', foreign: 404, path: (s) => `/drafts/${s.draftB.id}/document` },
  'PATCH /drafts/:id': { access: 'organiser', path: (s) => `/drafts/${s.draftB.id}`, body: () => ({ status: 'reviewed' }) },
  'POST /programmes/:id/asistensi-periods': { access: 'organiser', path: (s) => `/programmes/${s.programme.id}/asistensi-periods`, body: () => ({ name: 'Periode 2', startDate: '2013-11-11' }) },
  'GET /asistensi-periods/:id': { access: 'unit', foreign: 'shared', path: (s) => `/asistensi-periods/${s.period.id}` },
  'PATCH /asistensi-periods/:id': { access: 'organiser', path: (s) => `/asistensi-periods/${s.period.id}`, body: () => ({ location: 'Ruang Rapat' }) },
  'GET /asistensi-periods/:id/slots': { access: 'unit', foreign: 'own-only', path: (s) => `/asistensi-periods/${s.period.id}/slots` },
  'GET /asistensi-periods/:id/booking-options': { access: 'unit', foreign: 404, path: (s) => `/asistensi-periods/${s.period.id}/booking-options?unitId=${s.unitB.id}` },
  'POST /asistensi-periods/:id/closures': { access: 'organiser', path: (s) => `/asistensi-periods/${s.period.id}/closures`, body: () => ({ date: '2013-10-30', reason: 'Rapat' }) },
  'DELETE /asistensi-periods/:id/closures/:date': { access: 'organiser', path: (s) => `/asistensi-periods/${s.period.id}/closures/2013-10-30` },
  'POST /asistensi-periods/:id/bookings': {
    access: 'unit',
    foreign: 403,
    path: (s) => `/asistensi-periods/${s.period.id}/bookings`,
    body: (s) => ({ unitId: s.unitB.id, slotId: s.slot('2013-10-23').id }),
  },
  'GET /asistensi-periods/:id/bookings': { access: 'unit', foreign: 'own-only', path: (s) => `/asistensi-periods/${s.period.id}/bookings` },
  'GET /bookings/:id': { access: 'unit', foreign: 404, path: (s) => `/bookings/${s.bookingB.id}` },
  'GET /bookings/:id.ics': { access: 'unit', foreign: 404, path: (s) => `/bookings/${s.bookingB.id}.ics` },
  'PATCH /bookings/:id': { access: 'unit', foreign: 404, path: (s) => `/bookings/${s.bookingB.id}`, body: (s) => ({ slotId: s.slot('2013-10-24').id }) },
  'DELETE /bookings/:id': { access: 'unit', foreign: 404, path: (s) => `/bookings/${s.bookingB.id}` },
  'PUT /bookings/:id/attendance': { access: 'organiser', path: (s) => `/bookings/${s.bookingB.id}/attendance`, body: () => ({ attended: true }) },
  'PUT /bookings/:id/notes': { access: 'organiser', path: (s) => `/bookings/${s.bookingB.id}/notes`, body: () => ({ notes: 'Dibahas: alur perizinan.' }) },
  'PUT /asistensi-periods/:id/attendance': { access: 'organiser', path: (s) => `/asistensi-periods/${s.period.id}/attendance`, body: (s) => ({ attended: [s.bookingB.id] }) },
  'POST /asistensi-periods/:id/requests': { access: 'unit', foreign: 403, path: (s) => `/asistensi-periods/${s.period.id}/requests`, body: (s) => ({ unitId: s.unitB.id }) },
  'GET /asistensi-periods/:id/requests': { access: 'unit', foreign: 'own-only', path: (s) => `/asistensi-periods/${s.period.id}/requests` },
  'POST /asistensi-periods/:id/auto-schedule': { access: 'organiser', path: (s) => `/asistensi-periods/${s.period.id}/auto-schedule`, body: () => ({ dryRun: true }) },
  'POST /asistensi-periods/:id/walk-ins': { access: 'organiser', path: (s) => `/asistensi-periods/${s.period.id}/walk-ins`, body: (s) => ({ unitId: s.unitB.id, date: '2013-10-25' }) },
  'GET /asistensi-periods/:id/walk-ins': { access: 'organiser', path: (s) => `/asistensi-periods/${s.period.id}/walk-ins` },
  'PATCH /walk-ins/:id': { access: 'organiser', path: (s) => `/walk-ins/${s.walkInB.id}`, body: () => ({ notes: 'Dikoreksi' }) },
  'DELETE /walk-ins/:id': { access: 'organiser', path: (s) => `/walk-ins/${s.walkInB.id}` },
  'PATCH /requests/:id': { access: 'unit', foreign: 404, path: (s) => `/requests/${s.requestB.id}`, body: () => ({ notes: 'Diubah' }) },
  'DELETE /requests/:id': { access: 'unit', foreign: 404, path: (s) => `/requests/${s.requestB.id}` },
  'POST /units/:id/calendar-token': { access: 'unit', foreign: 404, path: (s) => `/units/${s.unitB.id}/calendar-token`, body: () => ({}) },
  'GET /audit': { access: 'organiser', path: () => '/audit' },
  'GET /notices': { access: 'organiser', path: () => '/notices' },
  'GET /notices/:id': { access: 'organiser', path: () => '/notices/1' },
  'POST /notices/:id/resend': { access: 'organiser', path: () => '/notices/1/resend' },
};

let t: TestApp;
beforeAll(async () => (t = await buildTestApp({ now: '2013-10-01T00:00:00Z' })));
afterAll(() => t.app.close());

/** What every write leaves behind: the audit log and the data versions the triggers keep. */
const fingerprint = async () =>
  JSON.stringify(
    await t.sqlOne(
      `SELECT (SELECT count(*) FROM audit_log) a, (SELECT coalesce(sum(version), 0) + (SELECT count(*) FROM feed_version_changes) FROM feed_versions) v,
              (SELECT count(*) FROM api_keys WHERE revoked_at IS NULL) k, (SELECT count(*) FROM units) u`,
    ),
  );

it('has an entry for every route the server serves', () => {
  const served = t.app.routeTable.filter((r) => !r.page).map((r) => `${r.method} ${r.url}`);
  expect(served.filter((r) => !(r in RULES))).toEqual([]);
  expect(Object.keys(RULES).filter((r) => !served.includes(r))).toEqual([]);
  // The route's own declaration agrees with the table.
  for (const route of t.app.routeTable.filter((r) => !r.page)) {
    const rule = RULES[`${route.method} ${route.url}`]!;
    if (rule.access !== 'public') expect({ route: route.url, unitsToo: route.allowUnit }).toEqual({ route: route.url, unitsToo: rule.access === 'unit' });
  }
});

it('answers every route right for every caller, and refused calls write nothing', async () => {
  const s = await scenario(t);
  const unitAKey = await t.unitKey(s.unitA.id);
  const revoked = (await t.organiser.post('/api-keys', { role: 'organiser', label: 'old' })).body;
  await t.organiser.delete(`/api-keys/${revoked.id}`);
  const callers = {
    none: clientFor(t.app),
    malformed: clientFor(t.app, 'not-a-key!'),
    unknown: clientFor(t.app, `sop_${'Q'.repeat(43)}`),
    revoked: clientFor(t.app, revoked.key),
    unitA: clientFor(t.app, unitAKey),
  };
  const send = (client: ReturnType<typeof clientFor>, method: string, rule: Rule): Promise<Reply> => {
    const path = rule.path(s);
    const body = rule.body?.(s);
    const headers: Record<string, string> = typeof body === 'string' ? { 'content-type': 'text/csv' } : {};
    if (method === 'GET') return client.get(path, headers);
    if (method === 'DELETE') return client.delete(path);
    if (method === 'POST') return client.post(path, body, headers);
    return method === 'PATCH' ? client.patch(path, body) : client.put(path, body);
  };

  const failures: string[] = [];
  const expectRefused = async (who: string, method: string, route: string, rule: Rule, status: number) => {
    const before = await fingerprint();
    const res = await send(callers[who as keyof typeof callers], method, rule);
    if (res.status !== status) failures.push(`${who} ${route}: expected ${status}, got ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
    if (!String(res.headers['content-type']).includes('application/problem+json')) failures.push(`${who} ${route}: not problem+json`);
    if ((await fingerprint()) !== before) failures.push(`${who} ${route}: a refused call changed the database`);
  };

  for (const [route, rule] of Object.entries(RULES)) {
    const method = route.split(' ')[0]!;
    if (rule.access === 'public') {
      for (const who of ['none', 'malformed', 'revoked'] as const) {
        const res = await send(callers[who], method, rule);
        // /health/ready's 503 is its answer while the notice worker (started by the server, not here) is not running.
        const refusedOrBroken = res.status === 401 || res.status === 403 || (res.status >= 500 && !(route === 'GET /health/ready' && res.status === 503));
        if (refusedOrBroken) failures.push(`${who} ${route}: public route answered ${res.status}`);
      }
      continue;
    }
    for (const who of ['none', 'malformed', 'unknown', 'revoked'] as const) await expectRefused(who, method, route, rule, 401);
    if (rule.access === 'organiser') await expectRefused('unitA', method, route, rule, 403);
    else if (typeof rule.foreign === 'number') await expectRefused('unitA', method, route, rule, rule.foreign);
    else {
      const res = await send(callers.unitA, method, rule);
      if (res.status !== 200) failures.push(`unitA ${route}: expected 200, got ${res.status}`);
      if (rule.foreign === 'own-only' && JSON.stringify(res.body).includes(B_MARK)) failures.push(`unitA ${route}: the answer shows unit B's data`);
    }
  }

  // Organisers may call everything (some calls refuse on the data, never on access).
  for (const [route, rule] of Object.entries(RULES)) {
    if (rule.access === 'public') continue;
    const res = await send(t.organiser, route.split(' ')[0]!, rule);
    if ([401, 403].includes(res.status) || res.status >= 500) failures.push(`organiser ${route}: ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
  }
  expect(failures).toEqual([]);
});

it('gives wrong and malformed calendar tokens the same 404, a replaced one 410, and a token only its own unit’s feed', async () => {
  const unitA = await t.make.unit({ code: 'TOK-A', name: 'Unit Token A' });
  const unitB = await t.make.unit({ code: 'TOK-B', name: `Unit ${B_MARK} Token` });
  const old = new URL((await t.organiser.post(`/units/${unitA.id}/calendar-token`, {})).body.url).pathname;
  const current = new URL((await t.organiser.post(`/units/${unitA.id}/calendar-token`, {})).body.url).pathname;
  await t.organiser.post(`/units/${unitB.id}/calendar-token`, {});
  const answers = await Promise.all(
    [`/calendars/units/${'A'.repeat(43)}.ics`, '/calendars/units/short.ics', `/calendars/units/${'%20'.repeat(20)}.ics`].map((p) => t.as().get(p)),
  );
  expectProblem(await t.as().get(old), 410, 'FEED_ADDRESS_REPLACED');
  for (const res of answers) {
    expect(res.status).toBe(404);
    expect(res.body).toEqual(answers[0]!.body);
  }
  const mine = await t.as().get(current);
  expect(mine.status).toBe(200);
  expect(mine.body).toContain('Unit Token A');
  expect(mine.body).not.toContain(B_MARK);
});
