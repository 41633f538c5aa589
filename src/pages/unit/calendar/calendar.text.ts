import { bilingual } from '../../../platform/text';

/** The unit's private calendar feed: its address, shown once, and how to subscribe. */
export const calendarText = bilingual({
  id: {
    title: 'Kalender unit',
    lead: 'Pasang kalender unit Anda di Google Calendar, Outlook atau iPhone: jadwal angkatan pejabat Anda dan jadwal asistensi muncul sendiri dan ikut berubah bila jadwal berubah.',
    issuedAt: (when: string) => `Alamat kalender terakhir dibuat ${when}. Demi keamanan alamat itu hanya ditampilkan sekali.`,
    create: 'Buat alamat kalender',
    rotate: 'Buat alamat baru',
    rotateHint: 'Alamat lama akan berhenti bekerja. Gunakan ini bila alamat tersebar ke orang lain atau Anda kehilangan alamatnya.',
    yourAddress: 'Alamat kalender Anda',
    secret: 'Simpan alamat ini seperti kata sandi: siapa pun yang memilikinya dapat melihat jadwal unit Anda. Alamat ini tidak akan ditampilkan lagi.',
    subscribe: 'Langganan di perangkat ini',
    address: 'Alamat (untuk disalin)',
    qr: 'Pindai kode QR dengan ponsel untuk membuka alamat kalender',
    howTitle: 'Cara memasang',
    google: 'Google Calendar (di komputer): buka calendar.google.com, pilih “Kalender lain” → “+” → “Dari URL”, tempel alamat di atas, lalu “Tambahkan kalender”.',
    outlook: 'Outlook: buka Kalender → “Tambahkan kalender” → “Berlangganan dari web”, tempel alamat, beri nama, lalu “Impor”.',
    iphone: 'iPhone atau iPad: ketuk tombol “Langganan di perangkat ini”, atau buka Pengaturan → Kalender → Akun → Tambah Akun → Lainnya → Tambah Kalender Langganan, lalu tempel alamat.',
  },
  en: {
    title: 'Unit calendar',
    lead: 'Add your unit’s calendar to Google Calendar, Outlook or an iPhone: your officials’ batch days and your assistance session appear by themselves and follow every change.',
    issuedAt: (when) => `The calendar address was last made ${when}. For safety it was shown only once.`,
    create: 'Make a calendar address',
    rotate: 'Make a new address',
    rotateHint: 'The old address stops working. Use this if the address has spread to others, or if you lost it.',
    yourAddress: 'Your calendar address',
    secret: 'Keep this address like a password: anyone who has it can see your unit’s schedule. It will not be shown again.',
    subscribe: 'Subscribe on this device',
    address: 'Address (to copy)',
    qr: 'Scan the QR code with a phone to open the calendar address',
    howTitle: 'How to add it',
    google: 'Google Calendar (on a computer): open calendar.google.com, choose “Other calendars” → “+” → “From URL”, paste the address above, then “Add calendar”.',
    outlook: 'Outlook: open Calendar → “Add calendar” → “Subscribe from web”, paste the address, give it a name, then “Import”.',
    iphone: 'iPhone or iPad: tap “Subscribe on this device”, or open Settings → Calendar → Accounts → Add Account → Other → Add Subscribed Calendar, and paste the address.',
  },
});
