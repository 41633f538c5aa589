import type { PasswordProblem } from '../../features/accounts/accounts.rules';
import { bilingual } from '../../platform/text';

/** Signing in. */
export const signInText = bilingual({
  id: {
    title: 'Masuk',
    lead: 'Masuk dengan email dan kata sandi akun Anda.',
    email: 'Email',
    password: 'Kata sandi',
    submit: 'Masuk',
    forgot: (organisation: string) => `Lupa kata sandi atau belum punya akun? Hubungi ${organisation}: mereka dapat mengirim tautan untuk membuat kata sandi baru.`,
    failed: 'Email atau kata sandi salah.',
    locked: (until: string) => `Terlalu banyak percobaan masuk yang gagal. Coba lagi setelah ${until}.`,
  },
  en: {
    title: 'Sign in',
    lead: 'Sign in with your account’s email and password.',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    forgot: (organisation) => `Forgot your password, or have no account yet? Ask the organiser (${organisation}): they can send you a link to set a new password.`,
    failed: 'The email or the password is wrong.',
    locked: (until) => `Too many failed sign-ins. Try again after ${until}.`,
  },
});

/** A new password: set from a link, or changed on the account page. */
export const passwordText = bilingual({
  id: {
    inviteTitle: 'Buat kata sandi',
    resetTitle: 'Atur ulang kata sandi',
    lead: (name: string, email: string) => `Akun untuk ${name} (${email}).`,
    new: 'Kata sandi baru',
    hint: 'Minimal 10 karakter. Gunakan beberapa kata yang mudah Anda ingat tetapi sulit ditebak orang lain.',
    confirm: 'Ulangi kata sandi baru',
    submit: 'Simpan kata sandi',
    mismatch: 'Kedua kata sandi tidak sama.',
    expiredTitle: 'Tautan tidak berlaku',
    expired: (organisation: string) => `Tautan ini sudah kedaluwarsa atau sudah dipakai. Minta tautan baru kepada ${organisation}.`,
    problems: {
      tooShort: 'Kata sandi minimal 10 karakter.',
      tooLong: 'Kata sandi maksimal 200 karakter.',
      common: 'Kata sandi ini terlalu umum dan mudah ditebak (nama instansi, nama program, tahun, “sop” atau “jadwal” dengan angka pun ditebak lebih dulu). Pilih beberapa kata lain yang mudah Anda ingat, misalnya kopi-pagi-di-tepi-sungai.',
      likeEmail: 'Kata sandi tidak boleh memuat alamat email Anda.',
    } satisfies Record<PasswordProblem, string>,
  },
  en: {
    inviteTitle: 'Create your password',
    resetTitle: 'Reset your password',
    lead: (name, email) => `The account of ${name} (${email}).`,
    new: 'New password',
    hint: 'At least 10 characters. Use a few words you can remember and others cannot guess.',
    confirm: 'New password again',
    submit: 'Save password',
    mismatch: 'The two passwords are not the same.',
    expiredTitle: 'This link no longer works',
    expired: (organisation) => `This link has expired or has already been used. Ask the organiser (${organisation}) for a new one.`,
    problems: {
      tooShort: 'The password must be at least 10 characters.',
      tooLong: 'The password must be at most 200 characters.',
      common: 'This password is too common and easy to guess (the names of the organisation and its programmes, the year, “sop” or “jadwal”, with numbers or not, are tried first). Choose a few other words you can remember, such as coffee-by-the-river-at-dawn.',
      likeEmail: 'The password must not contain your email address.',
    },
  },
});
