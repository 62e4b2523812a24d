/** English for the Indonesian messages of this area (see lib/i18n/error-catalogue.ts for the format). */
export const catalogue: Record<string, string> = {
  // Password links (lib/auth/reset-password.ts)
  "Tautan pembuatan kata sandi sudah dipakai atau kedaluwarsa. Minta tautan baru kepada pengelola Layar.":
    "This link to create a password has been used or has expired. Ask the Layar operator for a new one.",

  // Organiser accounts and their region (lib/auth/organiser-accounts.ts)
  "Tulis kode wilayah, mis. 33 atau 33.13.": "Enter a region code, e.g. 33 or 33.13.",
  "Kode wilayah berupa angka Kemendagri, mis. 33 (provinsi) atau 33.13 (kabupaten/kota).": "A region code is a Kemendagri number, e.g. 33 (province) or 33.13 (regency/city).",
  "Tulis nama panitia.": "Enter the organiser's name.",
  "Nama paling panjang 120 karakter.": "The name can be at most 120 characters.",
  "Kode wilayah {code} tidak dikenal. Pakai kode Kemendagri provinsi (mis. 33) atau kabupaten/kota (mis. 33.13).":
    "Unknown region code {code}. Use the Kemendagri code of a province (e.g. 33) or a regency/city (e.g. 33.13).",
  "Pilih wilayah dari daftar.": "Choose a region from the list.",
  "{code} adalah desa/kelurahan {name}; pilih kode provinsi atau kabupaten/kota (mis. 33 atau 33.13).":
    "{code} is the village {name}; choose the code of a province or a regency/city (e.g. 33 or 33.13).",
  "{code} adalah kecamatan {name}; pilih kode provinsi atau kabupaten/kota (mis. 33 atau 33.13).":
    "{code} is the district {name}; choose the code of a province or a regency/city (e.g. 33 or 33.13).",
  "Email {email} sudah dipakai akun lain.": "The email {email} is already used by another account.",
  "Email ini sudah punya akun Layar.": "This email already has a Layar account.",
  "Tidak ada akun dengan email {email}.": "There is no account with the email {email}.",
  "Akun {email} tidak aktif (dinonaktifkan); tautan kata sandi tidak dibuat.": "The account {email} is not active (disabled); no password link was made.",
  "Akun {email} tidak aktif (pendaftarannya ditolak); tautan kata sandi tidak dibuat.": "The account {email} is not active (its registration was rejected); no password link was made.",
  "Akun tidak dikenal.": "Unknown account.",
  "Tulis alasan menonaktifkan (minimal 5 karakter).": "Write the reason for disabling (at least 5 characters).",
  "Alasan paling panjang 500 karakter.": "The reason can be at most 500 characters.",
  "Anda tidak bisa mengubah status akun Anda sendiri.": "You cannot change the status of your own account.",
  "Akun panitia tidak ditemukan di wilayah Anda, atau statusnya sudah berubah.": "No such organiser account in your region, or its status has already changed.",

  // Organiser invitations (lib/auth/invite-organiser.ts)
  "Nomor WhatsApp hanya angka, mis. 0812 3456 7890.": "The WhatsApp number must be digits, e.g. 0812 3456 7890.",
  "Email ini sudah punya undangan panitia yang masih berlaku.": "This email already has an organiser invitation that is still valid.",
  "Email ini sudah punya undangan yang masih berlaku; kirim ulang dari daftar bila perlu.": "This email already has a valid invitation; resend it from the list if needed.",
  "Wilayah ini di luar wewenang Anda.": "This region is outside your scope.",
  "Anda hanya bisa mengundang panitia untuk wilayah Anda atau kabupaten/kota di dalamnya.": "You can only invite organisers for your own region or a regency/city inside it.",
  "Undangan tidak dikenal.": "Unknown invitation.",
  "Undangan tidak ditemukan di wilayah Anda, atau sudah diterima atau dicabut.": "No such invitation in your region, or it has already been accepted or revoked.",
  "Undangan panitia ini sudah dipakai, dicabut, atau kedaluwarsa. Minta undangan baru kepada panitia yang mengundang Anda.":
    "This organiser invitation has been used, revoked or has expired. Ask the organiser who invited you for a new one.",

  // The organiser accounts page's answers (lib/actions/organiser-account-actions.ts)
  "Email undangan tidak terkirim.": "The invitation email could not be sent.",
  "{how:message} Salin tautan di bawah atau bagikan lewat WhatsApp.": "{how} Copy the link below or share it on WhatsApp.",
  "Undangan dicabut; tautannya tidak berlaku lagi.": "Invitation revoked; its link no longer works.",
  "Akun dinonaktifkan; sesi masuknya berakhir.": "Account disabled; its sessions have ended.",
  "Akun diaktifkan kembali.": "Account enabled again.",

  // Registration limits and joining an existing KIM (lib/auth/register-kim.ts, lib/kim/join-requests.ts)
  "Terlalu banyak pendaftaran dalam waktu singkat. Coba lagi dalam {minutes} menit.": "Too many registrations in a short time. Try again in {minutes} min.",
  "KIM ini punya anggota aktif: merekalah yang menyetujui permintaan bergabung, dari dasbor KIM mereka. Anda tetap bisa menolaknya.":
    "This KIM has active members: they approve requests to join it, from their KIM dashboard. You can still reject it.",
  "Tulis alasan menolak (minimal 5 karakter); pendaftar akan membacanya.": "Write the reason for refusing (at least 5 characters); the applicant will read it.",
};
