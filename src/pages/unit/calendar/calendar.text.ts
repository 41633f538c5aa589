import { bilingual } from '../../../platform/text';

/** The unit's private calendar feed: its address, shown once, and how to subscribe. */
export const calendarText = bilingual({
  id: {
    title: 'Kalender unit',
    lead: 'Pasang kalender unit Anda di Google Calendar, Outlook, iPhone atau ponsel Android: jadwal angkatan pejabat Anda dan jadwal asistensi muncul sendiri dan ikut berubah bila jadwal berubah.',
    rotateHint: 'Alamat lama akan berhenti bekerja. Gunakan ini bila alamat tersebar ke orang lain atau Anda kehilangan alamatnya.',
    yourAddress: 'Alamat kalender Anda',
    secret: 'Simpan alamat ini seperti kata sandi: siapa pun yang memilikinya dapat melihat jadwal unit Anda. Alamat ini tidak akan ditampilkan lagi.',
  },
  en: {
    title: 'Unit calendar',
    lead: 'Add your unit’s calendar to Google Calendar, Outlook, an iPhone or an Android phone: your officials’ batch days and your assistance session appear by themselves and follow every change.',
    rotateHint: 'The old address stops working. Use this if the address has spread to others, or if you lost it.',
    yourAddress: 'Your calendar address',
    secret: 'Keep this address like a password: anyone who has it can see your unit’s schedule. It will not be shown again.',
  },
});
