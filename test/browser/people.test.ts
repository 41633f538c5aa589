import { DateTime } from 'luxon';
import { systemActor } from '../../src/platform/actor';
import { formatNip } from '../../src/platform/format';
import { makeNip } from '../helpers/app';
import { checkPage, mainText, newTab, setPasswordAndSignIn, startSite } from '../helpers/browser';

/**
 * The organiser's desk with people on it, in a real Chromium against the real server: an
 * official found by NIP and moved to another batch, another's enrolment cancelled from the
 * roster, a waitlisted official given a seat by hand, an empty batch removed.
 */
jest.setTimeout(120_000);

const PASSWORD = 'kopi-pagi-di-martapura';

let site: Awaited<ReturnType<typeof startSite<Awaited<ReturnType<typeof prepare>>>>>;

/** Seeded through the services: four batches some weeks ahead, their officials enrolled, one waiting with room for them. */
async function prepare(services: Parameters<Parameters<typeof startSite>[0]>[0]) {
  const organiser = await services.users.invite(systemActor, { role: 'organiser', email: 'rina@banjarmasinkota.go.id', name: 'Rina Kartika' });
  const programme = await services.programmes.create(systemActor, { name: 'Penyusunan SOP', timezone: 'WITA' });
  const monday = DateTime.now().setZone('Asia/Makassar').plus({ weeks: 6 }).startOf('week');
  const days = (week: number) => [0, 1].map((d) => ({ date: monday.plus({ weeks: week, days: d }).toISODate()!, start: '08:00', end: '16:00' }));
  const batch = async (name: string, week: number, capacity: number, unitQuota: number) =>
    await services.batches.create(systemActor, programme.id, { name, days: days(week), capacity, unitQuota, allowNonWorkingDays: true });
  const first = await batch('Angkatan I', 0, 10, 3);
  const second = await batch('Angkatan II', 1, 10, 3);
  const third = await batch('Angkatan III', 2, 3, 2);
  await batch('Angkatan Cadangan', 3, 10, 3);
  let n = 0;
  const unit = async (code: string, name: string) => await services.units.create(systemActor, { code, name, kind: 'dinas' });
  const official = async (unitId: number, name: string, position?: string) => await services.participants.create(systemActor, { nip: makeNip(++n), name, unitId, position });
  const [dishub, dinkes, dinsos, disdik] = [await unit('DISHUB', 'Dinas Perhubungan'), await unit('DINKES', 'Dinas Kesehatan'), await unit('DINSOS', 'Dinas Sosial'), await unit('DISDIK', 'Dinas Pendidikan')];
  const fauzi = await official(dishub.id, 'Ahmad Fauzi', 'Kepala Seksi Angkutan');
  await services.enrolments.enrol(systemActor, first.id, fauzi.id);
  await services.enrolments.enrol(systemActor, second.id, (await official(dinkes.id, 'Budi Santoso')).id);
  await services.enrolments.enrol(systemActor, second.id, (await official(dinsos.id, 'Citra Lestari')).id);
  // Angkatan III: Dinas Pendidikan reaches its quota of two while Eko waits; a seat frees; then one
  // of its officials moves to another unit, so Eko's unit has room again (no automatic promotion for that).
  const hadi = await official(disdik.id, 'Hadi Wijaya');
  await services.enrolments.enrol(systemActor, third.id, hadi.id);
  const dinkesSeat = await services.enrolments.enrol(systemActor, third.id, (await official(dinkes.id, 'Dewi Anggraini')).id);
  const dinsosSeat = await services.enrolments.enrol(systemActor, third.id, (await official(dinsos.id, 'Fitri Handayani')).id);
  await services.enrolments.enrol(systemActor, third.id, (await official(disdik.id, 'Gilang Ramadhan')).id);
  await services.enrolments.enrol(systemActor, third.id, (await official(disdik.id, 'Eko Prasetyo')).id);
  await services.enrolments.cancel(systemActor, dinkesSeat.id); // Gilang gets the seat: Dinas Pendidikan holds two
  await services.enrolments.cancel(systemActor, dinsosSeat.id); // Eko is skipped: his unit is at its quota
  await services.participants.update(systemActor, hadi.id, { unitId: dishub.id, moveEnrolments: true });
  return { organiserLink: organiser.setPasswordUrl, programmeId: programme.id, fauziNip: fauzi.nip, third: third.id };
}

beforeAll(async () => {
  site = await startSite(prepare);
}, 60_000);
afterAll(() => site?.stop());

it('lets the organiser find an official by NIP, move, cancel, promote and remove an empty batch', async () => {
  const desk = await newTab(site.browser, site.baseUrl);
  const { page } = desk;
  await setPasswordAndSignIn(desk, site.world.organiserLink, 'rina@banjarmasinkota.go.id', PASSWORD);

  // The people page, from the programme's line on the console; the official found by NIP as printed.
  await page.locator('main').getByRole('link', { name: 'Pejabat', exact: true }).click();
  await page.getByLabel('Nama atau NIP').fill(formatNip(site.world.fauziNip));
  await page.getByRole('button', { name: 'Cari' }).click();
  expect(await mainText(page)).toContain('1 pejabat');
  await checkPage(desk, 'people-search');
  await page.getByRole('link', { name: 'Ahmad Fauzi' }).click();
  expect(await mainText(page)).toContain('Dinas Perhubungan');
  await checkPage(desk, 'people-official');

  // Moved to Angkatan II.
  await page.getByRole('link', { name: 'Pindahkan Ahmad Fauzi ke angkatan lain' }).click();
  await page.getByLabel('Pindah ke angkatan').selectOption({ label: (await page.locator('option', { hasText: /^Angkatan II ·/ }).textContent())! });
  await page.getByRole('button', { name: 'Pindahkan' }).click();
  expect(await mainText(page)).toContain('Pejabat sudah dipindahkan ke angkatan lain.');
  expect(await mainText(page)).toMatch(/Angkatan II Terdaftar/);

  // Another official's enrolment cancelled from the roster of Angkatan II, after the confirmation.
  await page.getByRole('link', { name: 'Angkatan II', exact: true }).click();
  await page.getByRole('link', { name: 'Batalkan pendaftaran Budi Santoso' }).click();
  expect(await mainText(page)).toContain('Batalkan pendaftaran Budi Santoso?');
  await page.getByRole('button', { name: 'Ya, batalkan pendaftaran' }).click();
  expect(await mainText(page)).toContain('Pendaftaran sudah dibatalkan.');
  expect(await mainText(page)).not.toContain('Budi Santoso');

  // A waitlisted official given the seat there is room for.
  await page.goto(`/organisasi/angkatan/${site.world.third}`);
  expect(await mainText(page)).toContain('Daftar tunggu (urutan 1)');
  await checkPage(desk, 'batch-roster');
  await page.getByRole('button', { name: 'Beri kursi kepada Eko Prasetyo sekarang' }).click();
  expect(await mainText(page)).toContain('Pejabat sudah mendapat kursi.');
  expect(await mainText(page)).toContain('Tidak ada yang menunggu.');

  // The empty batch removed, after seeing what goes with it.
  await page.goto(`/organisasi/program/${site.world.programmeId}/angkatan`);
  await page.getByRole('link', { name: 'Rincian Angkatan Cadangan' }).click();
  await page.getByRole('link', { name: 'Hapus angkatan' }).click();
  expect(await mainText(page)).toContain('2 hari pelaksanaan');
  await page.getByRole('button', { name: 'Ya, hapus angkatan' }).click();
  expect(await mainText(page)).toContain('Angkatan sudah dihapus.');
  expect(await mainText(page)).not.toContain('Angkatan Cadangan');
  expect(desk.errors).toEqual([]);
});
