/** English for the Indonesian messages of sign-in limits and password-reset requests (see lib/i18n/error-catalogue.ts for the format). */
export const catalogue: Record<string, string> = {
  // lib/auth/authenticate.ts
  'Terlalu banyak percobaan masuk yang gagal untuk akun ini. Coba lagi dalam {seconds} detik, atau atur ulang kata sandi lewat "Lupa kata sandi?".':
    'Too many failed sign-in attempts on this account. Try again in {seconds} s, or reset the password with "Forgot your password?".',
  // lib/auth/reset-password.ts
  "Terlalu banyak permintaan atur ulang kata sandi dari jaringan ini. Coba lagi dalam {minutes} menit.":
    "Too many password reset requests from this network. Try again in {minutes} min.",
};
