import type { NoticeKind } from '../../features/outbox/outbox.rules';
import { bilingual } from '../../platform/text';

/** The signed-in person's own page: who they are, their password, their email notices. */
export const accountPageText = bilingual({
  id: {
    title: 'Akun saya',
    name: 'Nama',
    email: 'Email',
    role: 'Peran',
    unit: 'Unit kerja',
    changeTitle: 'Ganti kata sandi',
    changeLead: 'Setelah kata sandi diganti, semua perangkat lain akan keluar otomatis.',
    current: 'Kata sandi sekarang',
    wrongCurrent: 'Kata sandi sekarang salah.',
    changeSubmit: 'Ganti kata sandi',
    everywhereTitle: 'Keluar dari semua perangkat',
    everywhereLead: 'Gunakan ini jika Anda pernah masuk di komputer atau ponsel orang lain.',
    everywhereSubmit: 'Keluar dari semua perangkat',
    noticesTitle: 'Pemberitahuan email',
    noticesLead: (email: string) => `Pilih pemberitahuan yang ingin Anda terima di ${email}. Tautan untuk membuat kata sandi selalu dikirim.`,
    noticesUnitMailbox: 'Pilihan ini hanya untuk Anda: email unit kerja (bila diisi) tetap menerima semua pemberitahuan unit.',
    noticesLegend: 'Kirimi saya email untuk',
    noticesSubmit: 'Simpan pilihan pemberitahuan',
    kindHints: {
      summary_daily: 'Sekali sehari: draf SOP yang masuk, permintaan jadwal, dan pembatalan.',
    } satisfies Partial<Record<NoticeKind, string>>,
  },
  en: {
    title: 'My account',
    name: 'Name',
    email: 'Email',
    role: 'Role',
    unit: 'Work unit',
    changeTitle: 'Change password',
    changeLead: 'Once the password is changed, every other device is signed out.',
    current: 'Current password',
    wrongCurrent: 'The current password is wrong.',
    changeSubmit: 'Change password',
    everywhereTitle: 'Sign out on every device',
    everywhereLead: 'Use this if you ever signed in on someone else’s computer or phone.',
    everywhereSubmit: 'Sign out on every device',
    noticesTitle: 'Email notices',
    noticesLead: (email) => `Choose the notices you want to get at ${email}. Links to set a password are always sent.`,
    noticesUnitMailbox: 'This choice is yours alone: the work unit’s email (when it has one) still gets every notice about the unit.',
    noticesLegend: 'Email me about',
    noticesSubmit: 'Save notice choices',
    kindHints: {
      summary_daily: 'Once a day: draft SOPs received, session requests and cancellations.',
    },
  },
});
