import { bilingual } from '../../platform/text';

/** A private calendar address just made (a unit's, a partner's): the ways to subscribe to it. */
export const feedAddressText = bilingual({
  id: {
    issuedAt: (when: string) => `Alamat kalender terakhir dibuat ${when}. Demi keamanan alamat itu hanya ditampilkan sekali.`,
    create: 'Buat alamat kalender',
    rotate: 'Buat alamat baru',
    subscribe: 'Langganan di perangkat ini',
    address: 'Alamat (untuk disalin)',
    qr: 'Pindai kode QR dengan ponsel untuk membuka alamat kalender',
    howTitle: 'Cara memasang',
    google: 'Google Calendar (di komputer): buka calendar.google.com, pilih “Kalender lain” → “+” → “Dari URL”, tempel alamat di atas, lalu “Tambahkan kalender”.',
    outlook: 'Outlook: buka Kalender → “Tambahkan kalender” → “Berlangganan dari web”, tempel alamat, beri nama, lalu “Impor”.',
    iphone: 'iPhone atau iPad: ketuk tombol “Langganan di perangkat ini”, atau buka Pengaturan → Kalender → Akun → Tambah Akun → Lainnya → Tambah Kalender Langganan, lalu tempel alamat.',
    androidGoogle:
      'Android dengan Google Calendar: aplikasinya tidak dapat menambah kalender dari alamat, jadi tambahkan lewat situs web. Buka calendar.google.com di komputer (atau di peramban ponsel dengan “Situs desktop”), masuk dengan akun Google yang dipakai di ponsel, pilih “Kalender lain” → “+” → “Dari URL”, tempel alamat, lalu “Tambahkan kalender”. Kemudian di aplikasi Google Calendar di ponsel: Menu → Setelan → ketuk kalender baru itu → nyalakan “Sinkronisasi”. Google memperbarui kalender langganan beberapa jam sekali.',
    androidIcsx:
      'Android dengan aplikasi ICSx⁵ (gratis di Google Play atau F-Droid; jadwal diperbarui lebih cepat): pasang ICSx⁵, lalu ketuk tombol “Langganan di perangkat ini”, atau buka ICSx⁵ → “+” → tempel alamat → “Berikutnya”, beri nama dan warna, lalu “Tambah”. Jadwal muncul di aplikasi kalender ponsel mana pun (Google Calendar, Samsung Calendar) dan diperbarui setiap selang sinkronisasi yang dipilih di pengaturan ICSx⁵.',
  },
  en: {
    issuedAt: (when) => `The calendar address was last made ${when}. For safety it was shown only once.`,
    create: 'Make a calendar address',
    rotate: 'Make a new address',
    subscribe: 'Subscribe on this device',
    address: 'Address (to copy)',
    qr: 'Scan the QR code with a phone to open the calendar address',
    howTitle: 'How to add it',
    google: 'Google Calendar (on a computer): open calendar.google.com, choose “Other calendars” → “+” → “From URL”, paste the address above, then “Add calendar”.',
    outlook: 'Outlook: open Calendar → “Add calendar” → “Subscribe from web”, paste the address, give it a name, then “Import”.',
    iphone: 'iPhone or iPad: tap “Subscribe on this device”, or open Settings → Calendar → Accounts → Add Account → Other → Add Subscribed Calendar, and paste the address.',
    androidGoogle:
      'Android with Google Calendar: the app cannot add a calendar from an address, so add it on the website. Open calendar.google.com on a computer (or in the phone’s browser as “Desktop site”), sign in with the Google account the phone uses, choose “Other calendars” → “+” → “From URL”, paste the address, then “Add calendar”. Then in the Google Calendar app on the phone: Menu → Settings → tap the new calendar → turn on “Sync”. Google refreshes subscribed calendars every few hours.',
    androidIcsx:
      'Android with the ICSx⁵ app (free on Google Play or F-Droid; updates sooner): install ICSx⁵, then tap “Subscribe on this device”, or open ICSx⁵ → “+” → paste the address → “Next”, give it a name and a colour, then “Add”. The schedule appears in any calendar app of the phone (Google Calendar, Samsung Calendar) and is refreshed at the sync interval chosen in ICSx⁵’s settings.',
  },
});
