import fs from 'node:fs';
import path from 'node:path';
import { buildTestApp, type TestApp } from '../helpers/app';

/**
 * Every task of the API has a page: each API route (method and URL, as the server serves it)
 * is mapped to the page route (method and URL) that performs the same operation through the
 * same service call, or to a deliberate exception with its reason. The test fails when the
 * server has an API route the map does not name, when the map names a route the server no
 * longer has, when a page route it names does not exist, or when no page calls the service
 * method it names.
 */

type Entry =
  /** The page route (`METHOD /url` as the pages register it) and the service call both reach (`service.method`). */
  | { page: string; via: string }
  /** No page on purpose: why. */
  | { exception: string };

const FILES_AND_FEEDS = 'a file or feed for programs and calendar apps, not a task';
const API_DOCS = 'the API’s own documentation';

const MAP: Record<string, Entry> = {
  // The service itself, its documentation and its feeds.
  'GET /health': { exception: 'a health check for monitoring' },
  'GET /health/live': { exception: 'a health check for monitoring' },
  'GET /health/ready': { exception: 'a health check for monitoring (the console shows the last backup)' },
  'GET /assets/:version/:name': { exception: 'the pages’ own stylesheet and script' },
  'GET /docs': { exception: API_DOCS },
  'GET /docs/json': { exception: API_DOCS },
  'GET /docs/yaml': { exception: API_DOCS },
  'GET /docs/static/index.html': { exception: API_DOCS },
  'GET /docs/static/swagger-initializer.js': { exception: API_DOCS },
  'GET /docs/static/*': { exception: API_DOCS },
  'GET /calendars/programmes/:id.ics': { exception: `${FILES_AND_FEEDS}: the programme page and the public page give its address` },
  'GET /calendars/batches/:id.ics': { exception: `${FILES_AND_FEEDS}: the public page gives its address` },
  'GET /calendars/units/:token.ics': { exception: `${FILES_AND_FEEDS}: the unit’s calendar page gives its address` },
  'GET /calendars/partner/:token.ics': { exception: `${FILES_AND_FEEDS}: the partner programmes page gives its address` },
  'GET /bookings/:id.ics': { exception: `${FILES_AND_FEEDS}: one session as an invitation file; the booking emails carry it and the unit’s feed has every session` },
  'GET /me': { exception: 'who an API key is: a signed-in person sees their name, role and unit in every page’s header' },

  // API keys are for programs: managed on their own console page.
  'POST /api-keys': { page: 'POST /organisasi/kunci', via: 'access.create' },
  'GET /api-keys': { page: 'GET /organisasi/kunci', via: 'access.list' },
  'DELETE /api-keys/:id': { page: 'POST /organisasi/kunci/:id/cabut', via: 'access.revoke' },

  // The national calendar.
  'GET /holiday-calendars/:year': { page: 'GET /organisasi/program/:programmeId/angkatan', via: 'holidays.nonWorkingDays' },
  'PUT /holiday-calendars/:year': {
    exception: 'a year’s decree (SKB) is entered once a year as JSON from its annex, for the whole deployment (see README, The national calendar data); no page yet',
  },

  // Accounts.
  'POST /users': { page: 'POST /organisasi/pengguna/baru', via: 'users.invite' },
  'GET /users': { page: 'GET /organisasi/pengguna', via: 'users.list' },
  'GET /users/:id': { page: 'POST /organisasi/pengguna/:id/tautan', via: 'users.get' },
  'PATCH /users/:id': { page: 'POST /organisasi/pengguna/:id/status', via: 'users.update' },
  'POST /users/:id/password-link': { page: 'POST /organisasi/pengguna/:id/tautan', via: 'users.newLink' },

  // Units.
  'POST /units': { page: 'POST /organisasi/unit', via: 'units.create' },
  'GET /units': { page: 'GET /organisasi/unit', via: 'units.list' },
  'POST /units/import': { page: 'POST /organisasi/unit/unggah/simpan', via: 'units.importCsv' },
  'GET /units/:id': { page: 'GET /organisasi/unit/:id', via: 'units.get' },
  'PATCH /units/:id': { page: 'POST /organisasi/unit/:id/status', via: 'units.update' },
  'GET /units/:id/invitation.pdf': { page: 'GET /organisasi/unit/:id/undangan.pdf', via: 'printouts.invitation' },
  'GET /units/:id/standing': { page: 'GET /unit', via: 'me.standing' },
  'POST /units/:id/calendar-token': { page: 'POST /unit/kalender', via: 'calendars.issueToken' },

  // Officials.
  'POST /participants': { page: 'POST /unit/pejabat/baru', via: 'participants.create' },
  'POST /participants/import': { page: 'POST /organisasi/pejabat/unggah/simpan', via: 'participants.importCsv' },
  'GET /participants': { page: 'GET /unit/pejabat', via: 'participants.list' },
  'GET /participants/:id': { page: 'GET /organisasi/pejabat/:id', via: 'participants.get' },
  'PATCH /participants/:id': { page: 'POST /unit/pejabat/:id', via: 'participants.update' },
  'DELETE /participants/:id': { page: 'POST /unit/pejabat/:id/hapus', via: 'participants.remove' },

  // Programmes.
  'POST /programmes': { page: 'POST /organisasi/program/baru', via: 'programmes.create' },
  'GET /programmes': { page: 'GET /organisasi', via: 'programmes.list' },
  'GET /programmes/:id': { page: 'GET /organisasi/program/:programmeId', via: 'programmes.get' },
  'PATCH /programmes/:id': { page: 'POST /organisasi/program/:programmeId/ubah', via: 'programmes.update' },
  'GET /programmes/:id/progress': { page: 'GET /organisasi/program/:programmeId/progres', via: 'progress.page' },
  'GET /governments/progress': { page: 'GET /organisasi/pemerintah', via: 'progress.governments' },
  'GET /programmes/:id/partners': { page: 'GET /organisasi/program/:programmeId/mitra', via: 'partners.list' },
  'POST /programmes/:id/partners': { page: 'POST /organisasi/program/:programmeId/mitra', via: 'partners.grant' },
  'DELETE /programmes/:id/partners/:government': { page: 'POST /organisasi/program/:programmeId/mitra/cabut', via: 'partners.revoke' },
  'GET /partner/programmes': { page: 'GET /organisasi/mitra', via: 'partners.grantedProgrammes' },
  'POST /partner/calendar-token': { page: 'POST /organisasi/mitra/kalender', via: 'calendars.issuePartnerToken' },
  'GET /partner/:government/programmes/:id': { page: 'GET /organisasi/mitra/:government/program/:programmeId', via: 'partners.programme' },
  'PUT /partner/:government/bookings/:id/attendance': { page: 'POST /organisasi/mitra/:government/sesi/:id', via: 'partners.recordAttendance' },
  'PUT /partner/:government/bookings/:id/notes': { page: 'POST /organisasi/mitra/:government/sesi/:id', via: 'partners.recordNotes' },
  'PUT /bookings/:id/notes': { exception: 'the organiser’s own session notes: no page yet (the asistensi partner writes them on its page)' },

  // Workshop batches and enrolments.
  'POST /programmes/:id/batches': { page: 'POST /organisasi/program/:programmeId/angkatan', via: 'batches.create' },
  'GET /programmes/:id/batches': { page: 'GET /organisasi/program/:programmeId/angkatan', via: 'batches.listForProgramme' },
  'GET /batches/:id': { page: 'GET /organisasi/angkatan/:id', via: 'batches.get' },
  'PATCH /batches/:id': { page: 'POST /organisasi/angkatan/:id/ubah', via: 'batches.update' },
  'DELETE /batches/:id': { page: 'POST /organisasi/angkatan/:id/hapus', via: 'batches.remove' },
  'POST /programmes/:id/distribute': { page: 'POST /organisasi/program/:programmeId/distribusi', via: 'enrolments.distribute' },
  'POST /batches/:id/enrolments': { page: 'POST /organisasi/angkatan/:id/daftarkan', via: 'enrolments.enrol' },
  'GET /batches/:id/enrolments': { page: 'GET /organisasi/angkatan/:id', via: 'enrolments.listForBatch' },
  'GET /enrolments/:id': { page: 'GET /organisasi/pendaftaran/:id/batal', via: 'enrolments.get' },
  'DELETE /enrolments/:id': { page: 'POST /organisasi/pendaftaran/:id/batal', via: 'enrolments.cancel' },
  'PATCH /enrolments/:id': { page: 'POST /organisasi/pendaftaran/:id/pindah', via: 'enrolments.move' },
  'POST /enrolments/:id/promote': { page: 'POST /organisasi/pendaftaran/:id/naikkan', via: 'enrolments.promote' },
  'PUT /batches/:id/attendance': { page: 'POST /organisasi/angkatan/:id/hadir', via: 'enrolments.recordDayAttendance' },
  'PUT /enrolments/:id/attendance': { page: 'POST /organisasi/angkatan/:id/hadir', via: 'enrolments.recordDayAttendance' },
  'GET /batches/:id/attendance-sheet.pdf': { page: 'GET /organisasi/angkatan/:id/daftar-hadir.pdf', via: 'printouts.attendanceSheet' },
  'GET /enrolments/:id/certificate.pdf': { page: 'GET /organisasi/pendaftaran/:id/sertifikat.pdf', via: 'printouts.certificate' },

  // Drafts.
  'POST /programmes/:id/drafts': { page: 'POST /organisasi/program/:programmeId/draf/catat', via: 'drafts.create' },
  'GET /programmes/:id/drafts': { page: 'GET /organisasi/program/:programmeId/draf', via: 'drafts.list' },
  'PATCH /drafts/:id': { page: 'POST /organisasi/program/:programmeId/draf/:id/terima', via: 'drafts.update' },
  'GET /drafts/:id/document': { page: 'GET /dokumen/draf/:id', via: 'drafts.document' },

  // Asistensi periods, bookings, requests and walk-ins.
  'POST /programmes/:id/asistensi-periods': { page: 'POST /organisasi/program/:programmeId/asistensi/baru', via: 'periods.create' },
  'GET /programmes/:id/asistensi-periods': { page: 'GET /organisasi/program/:programmeId/asistensi', via: 'periods.listForProgramme' },
  'GET /asistensi-periods/:id': { page: 'GET /organisasi/asistensi/:id', via: 'periods.view' },
  'PATCH /asistensi-periods/:id': { page: 'POST /organisasi/asistensi/:id/ubah', via: 'bookings.updatePeriod' },
  'GET /asistensi-periods/:id/slots': { page: 'GET /organisasi/asistensi/:id', via: 'bookings.listSlots' },
  'GET /asistensi-periods/:id/booking-options': { page: 'GET /organisasi/asistensi/:id/pesan', via: 'bookings.bookingOptions' },
  'POST /asistensi-periods/:id/closures': { page: 'POST /organisasi/asistensi/:id/tutup', via: 'bookings.closeDay' },
  'DELETE /asistensi-periods/:id/closures/:date': { page: 'POST /organisasi/asistensi/:id/buka', via: 'periods.removeClosure' },
  'POST /asistensi-periods/:id/bookings': { page: 'POST /organisasi/asistensi/:id/pesan', via: 'bookings.book' },
  'GET /asistensi-periods/:id/bookings': { page: 'GET /organisasi/asistensi/:id', via: 'bookings.list' },
  'GET /bookings/:id': { page: 'GET /organisasi/asistensi/:id/batal', via: 'bookings.get' },
  'PATCH /bookings/:id': { page: 'POST /organisasi/asistensi/:id/pindah', via: 'bookings.reschedule' },
  'DELETE /bookings/:id': { page: 'POST /organisasi/asistensi/:id/batal', via: 'bookings.cancel' },
  'PUT /asistensi-periods/:id/attendance': { page: 'POST /organisasi/asistensi/:id/hadir', via: 'bookings.recordPeriodAttendance' },
  'PUT /bookings/:id/attendance': { page: 'POST /organisasi/asistensi/:id/hadir', via: 'bookings.recordPeriodAttendance' },
  'GET /asistensi-periods/:id/schedule.pdf': { page: 'GET /organisasi/asistensi/:id/jadwal.pdf', via: 'printouts.asistensiSchedule' },
  'POST /asistensi-periods/:id/requests': { page: 'POST /unit/program/:programmeId/asistensi/minta', via: 'requests.request' },
  'GET /asistensi-periods/:id/requests': { page: 'GET /organisasi/asistensi/:id', via: 'requests.list' },
  'PATCH /requests/:id': { exception: 'changing a waiting request’s dates or notes: on a page the unit withdraws it and asks again (POST /unit/program/:programmeId/asistensi/tarik, then /minta)' },
  'DELETE /requests/:id': { page: 'POST /unit/program/:programmeId/asistensi/tarik', via: 'requests.withdraw' },
  'POST /asistensi-periods/:id/auto-schedule': { page: 'POST /organisasi/asistensi/:id/jadwal-otomatis', via: 'requests.autoSchedule' },
  'POST /asistensi-periods/:id/walk-ins': { page: 'POST /organisasi/asistensi/:id/datang', via: 'walkIns.record' },
  'GET /asistensi-periods/:id/walk-ins': { page: 'GET /organisasi/asistensi/:id', via: 'walkIns.list' },
  'PATCH /walk-ins/:id': { exception: 'correcting a walk-in’s date or notes; no page yet' },
  'DELETE /walk-ins/:id': { exception: 'removing a walk-in recorded by mistake; no page yet' },

  // The change log and notices.
  'GET /audit': { page: 'GET /organisasi/catatan', via: 'audit.list' },
  'GET /notices': { page: 'GET /organisasi/pemberitahuan', via: 'outbox.list' },
  'GET /notices/:id': { page: 'GET /organisasi/pemberitahuan/:id', via: 'outbox.get' },
  'POST /notices/:id/resend': { page: 'POST /organisasi/pemberitahuan/:id/kirim-ulang', via: 'outbox.resend' },
  'POST /berhenti-email/:token': {
    exception: 'a mail program’s one-click unsubscribe (RFC 8058), without a session; the page GET /berhenti-email/:token posts its button here, and people choose the same on /akun',
  },
};

let t: TestApp;
beforeAll(async () => (t = await buildTestApp()));
afterAll(() => t.app.close());

const routes = (page: boolean) => t.app.routeTable.filter((r) => r.page === page).map((r) => `${r.method} ${r.url}`);

/** The source of every page screen, where the service calls are. */
function pageSources(dir = path.join(__dirname, '..', '..', 'src', 'pages')): string {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .map((e) => (e.isDirectory() ? pageSources(path.join(dir, e.name)) : /\.routes\.tsx?$/.test(e.name) ? fs.readFileSync(path.join(dir, e.name), 'utf8') : ''))
    .join('\n');
}

describe('every API task on a page', () => {
  it('maps every API route the server serves, and only those', () => {
    const api = routes(false);
    expect(api.filter((route) => !(route in MAP))).toEqual([]);
    expect(Object.keys(MAP).filter((route) => !api.includes(route))).toEqual([]);
  });

  it('names page routes that exist', () => {
    const pages = new Set(routes(true));
    const missing = Object.entries(MAP).flatMap(([api, entry]) => ('page' in entry && !pages.has(entry.page) ? [`${api} -> ${entry.page}`] : []));
    expect(missing).toEqual([]);
  });

  it('names service calls that exist and that a page makes', () => {
    const sources = pageSources();
    const services = t.app.services as unknown as Record<string, Record<string, unknown>>;
    const wrong = Object.entries(MAP).flatMap(([api, entry]) => {
      if (!('via' in entry)) return [];
      const [service, method] = entry.via.split('.') as [string, string];
      if (typeof services[service]?.[method] !== 'function') return [`${api}: ${entry.via} is not a service call`];
      return new RegExp(`\\b${service}\\s*\\.\\s*${method}\\(`).test(sources) ? [] : [`${api}: no page calls ${entry.via}`];
    });
    expect(wrong).toEqual([]);
  });

  it('gives every exception a reason', () => {
    for (const [api, entry] of Object.entries(MAP)) if ('exception' in entry) expect({ api, reason: entry.exception.length > 20 }).toEqual({ api, reason: true });
  });
});
