import { DateTime } from 'luxon';
import { loadConfig } from '../../src/config';
import { createContainer } from '../../src/container';
import { MAX_ATTEMPTS, retryDelaySeconds } from '../../src/features/outbox/outbox.rules';
import { systemActor } from '../../src/platform/actor';
import { ManualClock } from '../../src/platform/time';
import { checkPage, mainText, newTab, PHONE, setPasswordAndSignIn, startSite } from '../helpers/browser';

/**
 * The notices page and the account page's notice choices in a real Chromium against the real
 * server (no SMTP_URL: every notice waits in the outbox).
 */
jest.setTimeout(120_000);

const PASSWORD = 'kopi-pagi-di-martapura';
let site: Awaited<ReturnType<typeof startSite<Awaited<ReturnType<typeof prepare>>>>>;

async function prepare(services: Parameters<Parameters<typeof startSite>[0]>[0]) {
  const dishub = await services.units.create(systemActor, { code: 'DISHUB', name: 'Dinas Perhubungan', kind: 'dinas', email: 'dishub@banjarmasinkota.go.id' });
  const dinkes = await services.units.create(systemActor, { code: 'DINKES', name: 'Dinas Kesehatan', kind: 'dinas', email: 'sekretariat.dinas.kesehatan@banjarmasinkota.go.id' });
  const programme = await services.programmes.create(systemActor, { name: 'Penyusunan SOP 2013' });
  const organiser = await services.users.invite(systemActor, { role: 'organiser', email: 'rina@banjarmasinkota.go.id', name: 'Rina Kartika' });
  const operator = await services.users.invite(systemActor, { role: 'unit', unitId: dishub.id, email: 'operator@dishub.example.go.id', name: 'Operator Dishub' });
  return { dishub, dinkes, programme, organiserLink: organiser.setPasswordUrl, operatorLink: operator.setPasswordUrl, operatorId: operator.id };
}

/**
 * Notices written beside the running server, as the features would, on a clock that starts two
 * days ago: one delivered, one given up after every retry (which takes about a day and a half),
 * one set-password link sent and so no longer kept.
 */
async function seedNotices() {
  const database = await site.openDatabase();
  const clock = new ManualClock(DateTime.utc().minus({ days: 2 }).toISO()!);
  try {
    // Each notice on its own, at once (enrolment news is otherwise held for more of the same unit).
    const services = createContainer({ database, clock, config: loadConfig({ NOTICE_BATCHING_SECONDS: '0' }) });
    const { outbox, uow } = services;
    const { dishub, dinkes, programme, operatorId } = site.world;
    const slot = { date: DateTime.utc().plus({ weeks: 2 }).startOf('week').toISODate()!, start: '09:00', end: '11:00' };
    const booking = (await uow.write(async () => await outbox.record({ facts: { kind: 'booking_confirmed', bookingId: 1, periodId: 1, slot }, to: { unitId: dishub.id }, programmeId: programme.id })))!;
    const enrolment = (await uow.write(async () => await outbox.record({ facts: { kind: 'enrolment_confirmed', batchId: 1, officials: ['dr. Dewi Anggraini, M.Kes.', 'Rahmat Hidayat, S.Sos.'] }, to: { unitId: dinkes.id }, programmeId: programme.id })))!;
    const link = (await uow.write(async () =>
      await outbox.record({ facts: { kind: 'account_link', purpose: 'reset', expiresAt: DateTime.utc().plus({ hours: 60 }).toISO()! }, to: { userId: operatorId }, unitId: dishub.id, secret: `${site.baseUrl}/sandi/contoh` }),
    ))!;
    /** One attempt at every due delivery, ending as `outcomes` says for its notice (others are left to their lease). */
    const settle = async (outcomes: Record<number, { ok: true } | { ok: false; error: string }>) => {
      for (let claimed = await outbox.claimNext(['email'], 60); claimed; claimed = await outbox.claimNext(['email'], 60)) {
        const outcome = outcomes[claimed.notice.id];
        if (outcome) await outbox.settle(claimed.delivery, outcome);
      }
    };
    // The booking and the link are sent (a sent link is no longer kept); the enrolment fails every time.
    const refused = { ok: false as const, error: '550 5.1.1 <sekretariat.dinas.kesehatan@banjarmasinkota.go.id>: Recipient address rejected: User unknown in virtual mailbox table' };
    await settle({ [booking]: { ok: true }, [link]: { ok: true }, [enrolment]: refused });
    for (let n = 1; n < MAX_ATTEMPTS; n++) {
      clock.advance({ minutes: retryDelaySeconds(n, 60) / 60 });
      await settle({ [enrolment]: refused });
    }
    return { booking, enrolment, link };
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  site = await startSite(prepare);
}, 60_000);
afterAll(() => site?.stop());

it('lets the organiser see what was sent, filter the failed ones and resend one', async () => {
  const { enrolment, link } = await seedNotices();
  const desk = await newTab(site.browser, site.baseUrl);
  const { page } = desk;
  await setPasswordAndSignIn(desk, site.world.organiserLink, 'rina@banjarmasinkota.go.id', PASSWORD);
  expect(await mainText(page)).toContain('1 pengiriman gagal.');
  await page.getByRole('link', { name: 'Pemberitahuan', exact: true }).click();
  const all = await mainText(page);
  expect(all).toContain('Pengiriman email belum diatur.');
  expect(all).toContain('Jadwal asistensi dikonfirmasi');
  expect(all).toMatch(/1\s+Gagal/);
  await checkPage(desk, 'notices');

  await page.getByLabel('Status pengiriman').selectOption('failed');
  await page.getByRole('button', { name: 'Saring' }).click();
  await page.waitForURL('**/organisasi/pemberitahuan?*status=failed*');
  // Only the notice that failed (the kinds' names are in the filter's list too: the table is read).
  const rows = page.locator('main table tbody > tr');
  expect(await rows.count()).toBe(1);
  const failed = (await rows.innerText()).replace(/\s+/g, ' ');
  expect(failed).toContain('Pendaftaran peserta dikonfirmasi');
  expect(failed).toContain(`Gagal Dinas Kesehatan <sekretariat.dinas.kesehatan@banjarmasinkota.go.id> Email · dicoba ${MAX_ATTEMPTS} kali`);
  await checkPage(desk, 'notices-failed');

  await page.getByRole('button', { name: `Kirim ulang pemberitahuan #${enrolment}: Pendaftaran peserta dikonfirmasi` }).click();
  await page.waitForURL('**/organisasi/pemberitahuan?*ok=noticeResent*');
  const resent = await mainText(page);
  expect(resent).toContain('Pemberitahuan akan dikirim ulang ke semua penerimanya.');
  expect(resent).toContain('Tidak ada pemberitahuan yang cocok.');
  await checkPage(desk, 'notices-resent');

  // The notice's own page: the attempts one by one; it waits again now.
  await page.goto(`/organisasi/pemberitahuan/${enrolment}`);
  const detail = await mainText(page);
  expect(detail).toContain('Dinas Kesehatan <sekretariat.dinas.kesehatan@banjarmasinkota.go.id> Menunggu Email Riwayat percobaan');
  await checkPage(desk, 'notice-detail');

  // A set-password link no longer kept: the refusal, in words, on the page it came from.
  await page.goto('/organisasi/pemberitahuan?jenis=account_link');
  await page.getByRole('button', { name: `Kirim ulang pemberitahuan #${link}: Tautan buat kata sandi` }).click();
  expect(await mainText(page)).toContain('Tautan buat kata sandi tidak disimpan setelah terkirim, jadi tidak dapat dikirim ulang.');
  await checkPage(desk, 'notices-link-refused');
  await desk.context.close();
});

it('lets a unit operator switch off a kind of email on the account page', async () => {
  const tab = await newTab(site.browser, site.baseUrl, { viewport: PHONE });
  const { page } = tab;
  await setPasswordAndSignIn(tab, site.world.operatorLink, 'operator@dishub.example.go.id', PASSWORD);
  await page.getByRole('link', { name: 'Akun' }).click();
  const moved = page.getByLabel('Jadwal asistensi dipindah');
  expect(await moved.isChecked()).toBe(true);
  await moved.uncheck();
  await page.getByRole('button', { name: 'Simpan pilihan pemberitahuan' }).click();
  await page.waitForURL('**/akun?ok=pemberitahuan');
  expect(await mainText(page)).toContain('Pilihan pemberitahuan email sudah disimpan.');
  expect(await page.getByLabel('Jadwal asistensi dipindah').isChecked()).toBe(false);
  expect(await page.getByLabel('Jadwal asistensi dikonfirmasi').isChecked()).toBe(true);
  await checkPage(tab, 'account-notices');
  await tab.context.close();
});

it('stops one kind of email from the link in the message, without signing in', async () => {
  // The link an email to the operator carries (List-Unsubscribe), made as the sender makes it.
  const database = await site.openDatabase();
  let token: string;
  try {
    token = (await createContainer({ database, clock: new ManualClock(DateTime.utc().toISO()!) }).outbox.unsubscribeToken(site.world.operatorId, ['booking_cancelled']))!;
  } finally {
    await database.close();
  }
  const tab = await newTab(site.browser, site.baseUrl, { viewport: PHONE });
  const { page } = tab;
  await page.goto(`/berhenti-email/${token}`);
  const asked = await mainText(page);
  expect(asked).toContain('Tautan ini menghentikan email pemberitahuan berikut untuk Operator Dishub (operator@dishub.example.go.id):');
  expect(asked).toContain('Jadwal asistensi dibatalkan');
  await checkPage(tab, 'unsubscribe');
  await page.getByRole('button', { name: 'Berhenti menerima email ini' }).click();
  await page.waitForURL(`**/berhenti-email/${token}`);
  const done = await mainText(page);
  expect(done).toContain('Email sudah dihentikan');
  expect(done).toContain('Operator Dishub (operator@dishub.example.go.id) tidak lagi menerima email pemberitahuan berikut: Jadwal asistensi dibatalkan');
  await tab.context.close();
});
