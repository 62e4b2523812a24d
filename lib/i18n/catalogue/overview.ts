/** English for the Indonesian messages of this area (see lib/i18n/error-catalogue.ts for the format). */
export const catalogue: Record<string, string> = {
  // Disqualifying an entry (lib/films/disqualify-film.ts, lib/actions/overview-actions.ts)
  "Centang kotak konfirmasi untuk melanjutkan.": "Tick the confirmation box to go on.",
  "Film tidak dikenal.": "Unknown film.",
  "Tulis alasan diskualifikasi yang akan dibaca KIM (minimal 10 karakter).": "Write the reason for the disqualification that the KIM will read (at least 10 characters).",
  "Tulis alasan pembatalan diskualifikasi (minimal 10 karakter).": "Write the reason for undoing the disqualification (at least 10 characters).",
  "Alasan terlalu panjang (maksimal 1000 karakter).": "The reason is too long (at most 1000 characters).",
  "Hasil festival ini sudah disegel: diskualifikasi tidak bisa diubah lagi.": "This festival's results are sealed: disqualifications can no longer change.",
  "Film ini sudah didiskualifikasi.": "This film is already disqualified.",
  "Film ini sudah ditarik oleh KIM; tidak perlu didiskualifikasi.": "The KIM has withdrawn this film; there is no need to disqualify it.",
  "Status film baru saja berubah. Muat ulang halaman lalu coba lagi.": "The film's status has just changed. Reload the page and try again.",
  "Film ini tidak sedang didiskualifikasi.": "This film is not disqualified.",
  "Film didiskualifikasi, tetapi email ke KIM gagal dikirim. Beri tahu KIM dengan cara lain.": "The film is disqualified, but the email to the KIM could not be sent. Tell the KIM another way.",
  "Film didiskualifikasi; KIM bisa membaca alasannya di dasbornya.": "The film is disqualified; the KIM can read the reason on its dashboard.",
  "Diskualifikasi dibatalkan; film kembali diikutkan.": "The disqualification is undone; the film is back in the festival.",
};
