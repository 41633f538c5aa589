import { bilingual } from '../../platform/text';

/** The page behind an email's one-click unsubscribe link (List-Unsubscribe). */
export const unsubscribeText = bilingual({
  id: {
    title: 'Berhenti menerima email',
    lead: (name: string, email: string) => `Tautan ini menghentikan email pemberitahuan berikut untuk ${name} (${email}):`,
    submit: 'Berhenti menerima email ini',
    others: 'Email pemberitahuan jenis lain tetap dikirim.',
    doneTitle: 'Email sudah dihentikan',
    done: (name: string, email: string) => `${name} (${email}) tidak lagi menerima email pemberitahuan berikut:`,
    settings: 'Anda dapat menyalakannya lagi, atau memilih jenis lain, di halaman Akun.',
    settingsLink: 'Buka pengaturan email di halaman Akun',
  },
  en: {
    title: 'Stop these emails',
    lead: (name, email) => `This link stops these email notices for ${name} (${email}):`,
    submit: 'Stop these emails',
    others: 'Other kinds of email notices are still sent.',
    doneTitle: 'These emails are stopped',
    done: (name, email) => `${name} (${email}) no longer gets these email notices:`,
    settings: 'You can switch them on again, or choose other kinds, on your Account page.',
    settingsLink: 'Open your email settings on the Account page',
  },
});
