import { buildTestApp, type TestApp } from '../helpers/app';
import { signedInPerson, type PageClient } from '../helpers/pages';

// The sweep calls every route for every caller: on a busy CI machine it has taken over 30 s.
jest.setTimeout(120_000);

/**
 * Every page route the server has, against every kind of visitor. The list comes from the
 * server, so a page added without a rule here fails this test.
 */

type Scenario = Awaited<ReturnType<typeof scenario>>;
/** public: anyone; signedIn: any account; unit/organiser: that role only (the other gets 403). */
type Access = 'public' | 'signedIn' | 'unit' | 'organiser';
interface Rule {
  access: Access;
  path: (s: Scenario) => string;
  /** For pages about a record: what unit A gets for unit B's record. */
  foreign?: (s: Scenario) => string;
}

let t: TestApp;
beforeAll(async () => (t = await buildTestApp()));
afterAll(() => t.app.close());

async function scenario() {
  const programme = await t.make.programme();
  const batch = await t.make.batch(programme.id);
  const period = (await t.organiser.post(`/programmes/${programme.id}/asistensi-periods`, { name: 'Asistensi', startDate: '2013-10-21' })).body as { id: number };
  const unitA = await t.make.unit({ name: 'Dinas A' });
  const unitB = await t.make.unit({ name: 'Dinas B' });
  const officialA = await t.make.participant(unitA.id);
  const officialB = await t.make.participant(unitB.id);
  const draftA = (await t.as(await t.unitKey(unitA.id)).post(`/programmes/${programme.id}/drafts`, { unitId: unitA.id, title: 'Draf A', sopCount: 1 })).body;
  const draftB = (await t.as(await t.unitKey(unitB.id)).post(`/programmes/${programme.id}/drafts`, { unitId: unitB.id, title: 'Draf B', sopCount: 1 })).body;
  const organiser = await signedInPerson(t.app, t.organiser, { email: 'org@example.go.id', name: 'Organiser', role: 'organiser' });
  const operator = await signedInPerson(t.app, t.organiser, { email: 'a@example.go.id', name: 'Operator A', role: 'unit', unitId: unitA.id });
  const link = (await t.organiser.post('/users', { email: 'new@example.go.id', name: 'New', role: 'organiser' })).body.setPasswordUrl as string;
  const notice = (await t.app.services.uow.write(async () => await t.app.services.outbox.record({ facts: { kind: 'enrolment_confirmed', batchId: batch.id, officials: ['Pegawai A'] }, to: { unitId: unitA.id }, programmeId: programme.id })))!;
  return { programme, batch, period, unitA, officialA, officialB, draftA, draftB, organiser, operator, notice, token: link.split('/').pop()! };
}

const RULES: Record<string, Rule> = {
  'GET /': { access: 'public', path: () => '/' },
  'GET /p/:programmeId': { access: 'public', path: (s) => `/p/${s.programme.id}` },
  'GET /bahasa/:lang': { access: 'public', path: () => '/bahasa/id' },
  'POST /bahasa/:lang': { access: 'public', path: () => '/bahasa/id' },
  'GET /masuk': { access: 'public', path: () => '/masuk' },
  'POST /masuk': { access: 'public', path: () => '/masuk' },
  'POST /keluar': { access: 'public', path: () => '/keluar' },
  'GET /sandi/:token': { access: 'public', path: (s) => `/sandi/${s.token}` },
  'POST /sandi/:token': { access: 'public', path: (s) => `/sandi/${s.token}` },
  'GET /berhenti-email/:token': { access: 'public', path: () => '/berhenti-email/1.booking_confirmed.not-a-signature' },
  'POST /keluar-semua': { access: 'signedIn', path: () => '/keluar-semua' },
  'GET /akun': { access: 'signedIn', path: () => '/akun' },
  'POST /akun/sandi': { access: 'signedIn', path: () => '/akun/sandi' },
  'POST /akun/pemberitahuan': { access: 'signedIn', path: () => '/akun/pemberitahuan' },
  'GET /dokumen/draf/:id': { access: 'signedIn', path: (s) => `/dokumen/draf/${s.draftA.id}`, foreign: (s) => `/dokumen/draf/${s.draftB.id}` },

  'GET /unit': { access: 'unit', path: () => '/unit' },
  'GET /unit/pejabat': { access: 'unit', path: () => '/unit/pejabat' },
  'GET /unit/pejabat/baru': { access: 'unit', path: () => '/unit/pejabat/baru' },
  'POST /unit/pejabat/baru': { access: 'unit', path: () => '/unit/pejabat/baru' },
  'GET /unit/pejabat/:id': { access: 'unit', path: (s) => `/unit/pejabat/${s.officialA.id}`, foreign: (s) => `/unit/pejabat/${s.officialB.id}` },
  'POST /unit/pejabat/:id': { access: 'unit', path: (s) => `/unit/pejabat/${s.officialA.id}`, foreign: (s) => `/unit/pejabat/${s.officialB.id}` },
  'POST /unit/pejabat/:id/hapus': { access: 'unit', path: () => '/unit/pejabat/999/hapus', foreign: (s) => `/unit/pejabat/${s.officialB.id}/hapus` },
  'GET /unit/pejabat/contoh.csv': { access: 'unit', path: () => '/unit/pejabat/contoh.csv' },
  'GET /unit/pejabat/unggah': { access: 'unit', path: () => '/unit/pejabat/unggah' },
  'POST /unit/pejabat/unggah': { access: 'unit', path: () => '/unit/pejabat/unggah' },
  'POST /unit/pejabat/unggah/simpan': { access: 'unit', path: () => '/unit/pejabat/unggah/simpan' },
  'GET /unit/pejabat/unggah/contoh.:format': { access: 'unit', path: () => '/unit/pejabat/unggah/contoh.xlsx' },
  'GET /unit/program/:programmeId/angkatan': { access: 'unit', path: (s) => `/unit/program/${s.programme.id}/angkatan` },
  'POST /unit/program/:programmeId/angkatan': { access: 'unit', path: (s) => `/unit/program/${s.programme.id}/angkatan` },
  'POST /unit/program/:programmeId/angkatan/batal': { access: 'unit', path: (s) => `/unit/program/${s.programme.id}/angkatan/batal` },
  'GET /unit/program/:programmeId/draf': { access: 'unit', path: (s) => `/unit/program/${s.programme.id}/draf` },
  'POST /unit/program/:programmeId/draf': { access: 'unit', path: (s) => `/unit/program/${s.programme.id}/draf` },
  'GET /unit/program/:programmeId/asistensi': { access: 'unit', path: (s) => `/unit/program/${s.programme.id}/asistensi` },
  'POST /unit/program/:programmeId/asistensi/pesan': { access: 'unit', path: (s) => `/unit/program/${s.programme.id}/asistensi/pesan` },
  'POST /unit/program/:programmeId/asistensi/pindah': { access: 'unit', path: (s) => `/unit/program/${s.programme.id}/asistensi/pindah` },
  'POST /unit/program/:programmeId/asistensi/batal': { access: 'unit', path: (s) => `/unit/program/${s.programme.id}/asistensi/batal` },
  'POST /unit/program/:programmeId/asistensi/minta': { access: 'unit', path: (s) => `/unit/program/${s.programme.id}/asistensi/minta` },
  'POST /unit/program/:programmeId/asistensi/tarik': { access: 'unit', path: (s) => `/unit/program/${s.programme.id}/asistensi/tarik` },
  'GET /unit/kalender': { access: 'unit', path: () => '/unit/kalender' },
  'POST /unit/kalender': { access: 'unit', path: () => '/unit/kalender' },

  'GET /organisasi': { access: 'organiser', path: () => '/organisasi' },
  'GET /organisasi/unit': { access: 'organiser', path: () => '/organisasi/unit' },
  'POST /organisasi/unit': { access: 'organiser', path: () => '/organisasi/unit' },
  'GET /organisasi/unit/:id': { access: 'organiser', path: (s) => `/organisasi/unit/${s.unitA.id}` },
  'POST /organisasi/unit/:id': { access: 'organiser', path: (s) => `/organisasi/unit/${s.unitA.id}` },
  'GET /organisasi/unit/:id/nonaktifkan': { access: 'organiser', path: (s) => `/organisasi/unit/${s.unitA.id}/nonaktifkan` },
  'POST /organisasi/unit/:id/status': { access: 'organiser', path: (s) => `/organisasi/unit/${s.unitA.id}/status` },
  'GET /organisasi/unit/unggah': { access: 'organiser', path: () => '/organisasi/unit/unggah' },
  'POST /organisasi/unit/unggah': { access: 'organiser', path: () => '/organisasi/unit/unggah' },
  'POST /organisasi/unit/unggah/simpan': { access: 'organiser', path: () => '/organisasi/unit/unggah/simpan' },
  'GET /organisasi/unit/unggah/contoh.:format': { access: 'organiser', path: () => '/organisasi/unit/unggah/contoh.csv' },
  'GET /organisasi/pejabat/unggah': { access: 'organiser', path: () => '/organisasi/pejabat/unggah' },
  'POST /organisasi/pejabat/unggah': { access: 'organiser', path: () => '/organisasi/pejabat/unggah' },
  'POST /organisasi/pejabat/unggah/simpan': { access: 'organiser', path: () => '/organisasi/pejabat/unggah/simpan' },
  'GET /organisasi/pejabat/unggah/contoh.:format': { access: 'organiser', path: () => '/organisasi/pejabat/unggah/contoh.xlsx' },
  'GET /organisasi/pengguna': { access: 'organiser', path: () => '/organisasi/pengguna' },
  'GET /organisasi/pengguna/baru': { access: 'organiser', path: () => '/organisasi/pengguna/baru' },
  'POST /organisasi/pengguna/baru': { access: 'organiser', path: () => '/organisasi/pengguna/baru' },
  'POST /organisasi/pengguna/:id/tautan': { access: 'organiser', path: () => '/organisasi/pengguna/999/tautan' },
  'POST /organisasi/pengguna/:id/status': { access: 'organiser', path: () => '/organisasi/pengguna/999/status' },
  'GET /organisasi/program/baru': { access: 'organiser', path: () => '/organisasi/program/baru' },
  'POST /organisasi/program/baru': { access: 'organiser', path: () => '/organisasi/program/baru' },
  'GET /organisasi/program/:programmeId': { access: 'organiser', path: (s) => `/organisasi/program/${s.programme.id}` },
  'GET /organisasi/program/:programmeId/ubah': { access: 'organiser', path: (s) => `/organisasi/program/${s.programme.id}/ubah` },
  'POST /organisasi/program/:programmeId/ubah': { access: 'organiser', path: (s) => `/organisasi/program/${s.programme.id}/ubah` },
  'GET /organisasi/program/:programmeId/angkatan': { access: 'organiser', path: (s) => `/organisasi/program/${s.programme.id}/angkatan` },
  'POST /organisasi/program/:programmeId/angkatan': { access: 'organiser', path: (s) => `/organisasi/program/${s.programme.id}/angkatan` },
  'GET /organisasi/program/:programmeId/distribusi': { access: 'organiser', path: (s) => `/organisasi/program/${s.programme.id}/distribusi` },
  'POST /organisasi/program/:programmeId/distribusi': { access: 'organiser', path: (s) => `/organisasi/program/${s.programme.id}/distribusi` },
  'GET /organisasi/program/:programmeId/asistensi': { access: 'organiser', path: (s) => `/organisasi/program/${s.programme.id}/asistensi` },
  'GET /organisasi/program/:programmeId/asistensi/baru': { access: 'organiser', path: (s) => `/organisasi/program/${s.programme.id}/asistensi/baru` },
  'POST /organisasi/program/:programmeId/asistensi/baru': { access: 'organiser', path: (s) => `/organisasi/program/${s.programme.id}/asistensi/baru` },
  'GET /organisasi/asistensi/:id': { access: 'organiser', path: (s) => `/organisasi/asistensi/${s.period.id}` },
  'GET /organisasi/asistensi/:id/catatan/:bookingId': { access: 'organiser', path: (s) => `/organisasi/asistensi/${s.period.id}/catatan/1` },
  'POST /organisasi/asistensi/:id/catatan/:bookingId': { access: 'organiser', path: (s) => `/organisasi/asistensi/${s.period.id}/catatan/1` },
  'GET /organisasi/asistensi/:id/tutup': { access: 'organiser', path: (s) => `/organisasi/asistensi/${s.period.id}/tutup?tanggal=2013-10-21` },
  'POST /organisasi/asistensi/:id/tutup': { access: 'organiser', path: (s) => `/organisasi/asistensi/${s.period.id}/tutup` },
  'GET /organisasi/asistensi/:id/jadwal-otomatis': { access: 'organiser', path: (s) => `/organisasi/asistensi/${s.period.id}/jadwal-otomatis` },
  'POST /organisasi/asistensi/:id/jadwal-otomatis': { access: 'organiser', path: (s) => `/organisasi/asistensi/${s.period.id}/jadwal-otomatis` },
  'POST /organisasi/asistensi/:id/datang': { access: 'organiser', path: (s) => `/organisasi/asistensi/${s.period.id}/datang` },
  'POST /organisasi/asistensi/:id/hadir': { access: 'organiser', path: (s) => `/organisasi/asistensi/${s.period.id}/hadir` },
  'GET /organisasi/asistensi/:id/ubah': { access: 'organiser', path: (s) => `/organisasi/asistensi/${s.period.id}/ubah` },
  'POST /organisasi/asistensi/:id/ubah': { access: 'organiser', path: (s) => `/organisasi/asistensi/${s.period.id}/ubah` },
  'GET /organisasi/asistensi/:id/buka': { access: 'organiser', path: (s) => `/organisasi/asistensi/${s.period.id}/buka?tanggal=2013-10-21` },
  'POST /organisasi/asistensi/:id/buka': { access: 'organiser', path: (s) => `/organisasi/asistensi/${s.period.id}/buka` },
  'GET /organisasi/asistensi/:id/pesan': { access: 'organiser', path: (s) => `/organisasi/asistensi/${s.period.id}/pesan?unitId=${s.unitA.id}` },
  'POST /organisasi/asistensi/:id/pesan': { access: 'organiser', path: (s) => `/organisasi/asistensi/${s.period.id}/pesan` },
  'POST /organisasi/asistensi/:id/pindah': { access: 'organiser', path: (s) => `/organisasi/asistensi/${s.period.id}/pindah` },
  'GET /organisasi/asistensi/:id/batal': { access: 'organiser', path: (s) => `/organisasi/asistensi/${s.period.id}/batal?pesanan=999` },
  'POST /organisasi/asistensi/:id/batal': { access: 'organiser', path: (s) => `/organisasi/asistensi/${s.period.id}/batal` },
  'GET /organisasi/angkatan/:id/daftar-hadir.pdf': { access: 'organiser', path: (s) => `/organisasi/angkatan/${s.batch.id}/daftar-hadir.pdf?hari=1` },
  'GET /organisasi/asistensi/:id/jadwal.pdf': { access: 'organiser', path: (s) => `/organisasi/asistensi/${s.period.id}/jadwal.pdf` },
  'GET /organisasi/pendaftaran/:id/sertifikat.pdf': { access: 'organiser', path: () => '/organisasi/pendaftaran/999/sertifikat.pdf' },
  'GET /organisasi/unit/:id/undangan.pdf': { access: 'organiser', path: (s) => `/organisasi/unit/${s.unitA.id}/undangan.pdf?program=${s.programme.id}` },
  'GET /organisasi/program/:programmeId/progres.:format': { access: 'organiser', path: (s) => `/organisasi/program/${s.programme.id}/progres.csv` },
  'GET /unit/program/:programmeId/undangan.pdf': { access: 'unit', path: (s) => `/unit/program/${s.programme.id}/undangan.pdf` },
  'GET /organisasi/program/:programmeId/progres': { access: 'organiser', path: (s) => `/organisasi/program/${s.programme.id}/progres` },
  'GET /organisasi/pemerintah': { access: 'organiser', path: () => '/organisasi/pemerintah' },
  'GET /organisasi/pemerintah.xlsx': { access: 'organiser', path: () => '/organisasi/pemerintah.xlsx' },
  'GET /organisasi/program/:programmeId/mitra': { access: 'organiser', path: (s) => `/organisasi/program/${s.programme.id}/mitra` },
  'POST /organisasi/program/:programmeId/mitra': { access: 'organiser', path: (s) => `/organisasi/program/${s.programme.id}/mitra` },
  'POST /organisasi/program/:programmeId/mitra/cabut': { access: 'organiser', path: (s) => `/organisasi/program/${s.programme.id}/mitra/cabut` },
  'GET /organisasi/mitra': { access: 'organiser', path: () => '/organisasi/mitra' },
  'POST /organisasi/mitra/kalender': { access: 'organiser', path: () => '/organisasi/mitra/kalender' },
  // A deployment of one government has no registry pages: its organiser is answered 404.
  'GET /organisasi/pemerintah/terdaftar': { access: 'organiser', path: () => '/organisasi/pemerintah/terdaftar' },
  'GET /organisasi/pemerintah/baru': { access: 'organiser', path: () => '/organisasi/pemerintah/baru' },
  'POST /organisasi/pemerintah/baru': { access: 'organiser', path: () => '/organisasi/pemerintah/baru' },
  'GET /organisasi/mitra/:government/program/:programmeId': { access: 'organiser', path: (s) => `/organisasi/mitra/banjarbaru/program/${s.programme.id}` },
  'POST /organisasi/mitra/:government/sesi/:id': { access: 'organiser', path: () => '/organisasi/mitra/banjarbaru/sesi/1' },
  'GET /organisasi/kunci': { access: 'organiser', path: () => '/organisasi/kunci' },
  'POST /organisasi/kunci': { access: 'organiser', path: () => '/organisasi/kunci' },
  'POST /organisasi/kunci/:id/cabut': { access: 'organiser', path: () => '/organisasi/kunci/999/cabut' },
  'GET /organisasi/catatan': { access: 'organiser', path: () => '/organisasi/catatan' },
  'GET /organisasi/pemberitahuan': { access: 'organiser', path: () => '/organisasi/pemberitahuan' },
  'GET /organisasi/pemberitahuan/:id': { access: 'organiser', path: (s) => `/organisasi/pemberitahuan/${s.notice}` },
  'POST /organisasi/pemberitahuan/:id/kirim-ulang': { access: 'organiser', path: (s) => `/organisasi/pemberitahuan/${s.notice}/kirim-ulang` },
  'GET /organisasi/angkatan/:id/ubah': { access: 'organiser', path: (s) => `/organisasi/angkatan/${s.batch.id}/ubah` },
  'POST /organisasi/angkatan/:id/ubah': { access: 'organiser', path: (s) => `/organisasi/angkatan/${s.batch.id}/ubah` },
  'GET /organisasi/angkatan/:id': { access: 'organiser', path: (s) => `/organisasi/angkatan/${s.batch.id}` },
  'POST /organisasi/angkatan/:id/hadir': { access: 'organiser', path: (s) => `/organisasi/angkatan/${s.batch.id}/hadir` },
  'GET /organisasi/angkatan/:id/hapus': { access: 'organiser', path: (s) => `/organisasi/angkatan/${s.batch.id}/hapus` },
  'POST /organisasi/angkatan/:id/hapus': { access: 'organiser', path: () => '/organisasi/angkatan/999/hapus' },
  'GET /organisasi/angkatan/:id/daftarkan': { access: 'organiser', path: (s) => `/organisasi/angkatan/${s.batch.id}/daftarkan` },
  'POST /organisasi/angkatan/:id/daftarkan': { access: 'organiser', path: (s) => `/organisasi/angkatan/${s.batch.id}/daftarkan` },
  'GET /organisasi/pendaftaran/:id/pindah': { access: 'organiser', path: () => '/organisasi/pendaftaran/999/pindah' },
  'POST /organisasi/pendaftaran/:id/pindah': { access: 'organiser', path: () => '/organisasi/pendaftaran/999/pindah' },
  'GET /organisasi/pendaftaran/:id/batal': { access: 'organiser', path: () => '/organisasi/pendaftaran/999/batal' },
  'POST /organisasi/pendaftaran/:id/batal': { access: 'organiser', path: () => '/organisasi/pendaftaran/999/batal' },
  'GET /organisasi/pendaftaran/:id/naikkan': { access: 'organiser', path: () => '/organisasi/pendaftaran/999/naikkan' },
  'POST /organisasi/pendaftaran/:id/naikkan': { access: 'organiser', path: () => '/organisasi/pendaftaran/999/naikkan' },
  'GET /organisasi/program/:programmeId/pejabat': { access: 'organiser', path: (s) => `/organisasi/program/${s.programme.id}/pejabat` },
  'GET /organisasi/pejabat/:id': { access: 'organiser', path: (s) => `/organisasi/pejabat/${s.officialA.id}` },
  'POST /organisasi/pejabat/:id/daftarkan': { access: 'organiser', path: (s) => `/organisasi/pejabat/${s.officialA.id}/daftarkan` },
  'GET /organisasi/program/:programmeId/draf': { access: 'organiser', path: (s) => `/organisasi/program/${s.programme.id}/draf` },
  'POST /organisasi/program/:programmeId/draf': { access: 'organiser', path: (s) => `/organisasi/program/${s.programme.id}/draf` },
  'GET /organisasi/program/:programmeId/draf/catat': { access: 'organiser', path: (s) => `/organisasi/program/${s.programme.id}/draf/catat` },
  'POST /organisasi/program/:programmeId/draf/catat': { access: 'organiser', path: (s) => `/organisasi/program/${s.programme.id}/draf/catat` },
  'POST /organisasi/program/:programmeId/draf/:id/terima': { access: 'organiser', path: (s) => `/organisasi/program/${s.programme.id}/draf/999/terima` },
};

const pageRoutes = () => t.app.routeTable.filter((r) => r.page && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);

/** A request as the client's browser would send it (a form post carries the page's token and nothing else). */
const visit = (client: PageClient, key: string, path: string) => (key.startsWith('GET') ? client.get(path) : client.post(path));

/** A multipart body with the given fields (and no file). */
function multipart(fields: Record<string, string>) {
  const boundary = '----access-test';
  const body = Object.entries(fields).map(([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`;
  return { payload: body, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('page access', () => {
  let s: Scenario;
  beforeAll(async () => (s = await scenario()));

  it('has a rule for every page route and a page route for every rule', () => {
    expect(pageRoutes().sort()).toEqual(Object.keys(RULES).sort());
  });

  it('sends a visitor without an account to sign in, except on public pages', async () => {
    for (const key of pageRoutes()) {
      const rule = RULES[key]!;
      const path = rule.path(s);
      const reply = await t.app.inject({ method: key.split(' ')[0] as 'GET', url: path, headers: { accept: 'text/html' } });
      if (rule.access === 'public') expect({ key, status: reply.statusCode < 500 && reply.headers.location?.startsWith('/masuk?lanjut') !== true }).toEqual({ key, status: true });
      // After sign-in a visitor comes back to the page; a form post (with no page to name) to the home page.
      else expect({ key, status: reply.statusCode, location: reply.headers.location }).toEqual({ key, status: 303, location: `/masuk?lanjut=${encodeURIComponent(key.startsWith('GET') ? path : '/')}` });
    }
  });

  it('refuses every form post without its token, as multipart, from another site or with a broken Origin, changing nothing', async () => {
    const client = s.organiser.client;
    const rows = () => t.sqlOne("select (select count(*) from audit_log) + (select count(*) from sessions) + (select count(*) from units) n");
    const before = await rows();
    const posts = pageRoutes().filter((k) => k.startsWith('POST '));
    for (const key of posts) {
      const path = RULES[key]!.path(s);
      const cookie = [...client.jar].map(([k, v]) => `${k}=${v}`).join('; ');
      await client.get('/akun');
      const token = client.csrf;
      const send = (headers: Record<string, string>, payload: string) =>
        t.app.inject({ method: 'POST', url: path, payload, headers: { accept: 'text/html', cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers } });
      const multi = multipart({ disabled: 'true' });
      const attempts = {
        noToken: await send({}, 'disabled=true'),
        multipartNoToken: await send({ 'content-type': multi.contentType }, multi.payload),
        crossSiteOrigin: await send({ origin: 'https://evil.example' }, `_csrf=${token}`),
        crossSiteFetch: await send({ 'sec-fetch-site': 'same-site' }, `_csrf=${token}`),
        nullOrigin: await send({ origin: 'null' }, `_csrf=${token}`),
        brokenOrigin: await send({ origin: 'garbage' }, `_csrf=${token}`),
      };
      for (const [name, reply] of Object.entries(attempts)) expect({ key, name, status: reply.statusCode }).toEqual({ key, name, status: 403 });
    }
    expect(await rows()).toEqual(before);
    // The site's own forms: same-origin fetch metadata, or the Origin of PUBLIC_BASE_URL behind a proxy that rewrites Host.
    await client.get('/akun');
    const own = await t.app.inject({ method: 'POST', url: '/organisasi/unit', payload: `_csrf=${client.csrf}&code=OWN&name=Own&kind=dinas`, headers: { accept: 'text/html', cookie: [...client.jar].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded', origin: 'https://sop.banjarmasinkota.go.id', host: '127.0.0.1:3000' } });
    expect(own.statusCode).toBe(303);
  });

  it('never answers 500 for a return address a header cannot carry', async () => {
    for (const url of ['/bahasa/en?kembali=%2F%00x', '/bahasa/en?kembali=%2F%C4%81', '/masuk?lanjut=%2F%0Aevil']) {
      const reply = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect({ url, status: reply.statusCode < 500, location: reply.headers.location ?? '' }).toEqual({ url, status: true, location: expect.not.stringMatching(/[\x00-\x20\x7f-\uffff]/) });
    }
  });

  it('keeps each role to its own pages (403), never answers 500, and shows unit B’s records to unit A as missing (404)', async () => {
    const sessions = { unit: s.operator.client, organiser: s.organiser.client };
    // The set-password and sign-in posts would change the accounts under test.
    const skip = new Set(['POST /sandi/:token', 'POST /masuk', 'POST /keluar', 'POST /keluar-semua', 'POST /akun/sandi']);
    for (const key of pageRoutes().filter((k) => !skip.has(k))) {
      const rule = RULES[key]!;
      for (const role of ['unit', 'organiser'] as const) {
        const client = sessions[role];
        await client.get('/akun'); // a fresh form token
        const reply = await visit(client, key, rule.path(s));
        const expected = rule.access === 'unit' || rule.access === 'organiser' ? (rule.access === role ? 'allowed' : 403) : 'allowed';
        const got = reply.status === 403 ? 403 : reply.status < 500 && reply.status !== 401 ? 'allowed' : reply.status;
        expect({ key, role, got }).toEqual({ key, role, got: expected });
      }
      if (rule.foreign) {
        await s.operator.client.get('/akun');
        const reply = await visit(s.operator.client, key, rule.foreign(s));
        expect({ key, status: reply.status }).toEqual({ key, status: 404 });
        expect(reply.body).not.toContain('Draf B');
      }
    }
  });
});
