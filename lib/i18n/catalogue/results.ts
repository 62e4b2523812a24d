/** English for the Indonesian messages of this area (see lib/i18n/error-catalogue.ts for the format). */
export const catalogue: Record<string, string> = {
  // Confirmations (lib/actions/results-actions.ts)
  "Centang pernyataan ini untuk melanjutkan.": "Tick this statement to continue.",
  "Centang konfirmasi dulu: menyegel membekukan nilai dan menetapkan juara.": "Tick the confirmation first: sealing freezes the scores and fixes the winners.",
  "Centang konfirmasi dulu: membuka segel menghapus juara dan piagam yang sudah disiapkan.": "Tick the confirmation first: unsealing removes the winners and the certificates already prepared.",
  "Centang konfirmasi dulu: pengumuman langsung tampil di situs publik dan tidak bisa ditarik.": "Tick the confirmation first: the announcement appears on the public site at once and cannot be withdrawn.",
  "Keputusan juri dicatat dan diterapkan pada peringkat.": "Jury decision recorded and applied to the ranking.",
  "Keputusan juri dicabut; alasan dicatat di log audit.": "Jury decision revoked; the reason is recorded in the audit log.",
  "Film dikecualikan dari peringkat; alasan dicatat dan dapat dibaca KIM.": "Film left out of the ranking; the reason is recorded and the KIM can read it.",
  "Film dikembalikan ke peringkat.": "Film put back into the ranking.",

  // Jury decisions (lib/results/jury-decisions.ts)
  "Film tidak dikenal.": "Unknown film.",
  "Keputusan juri menyangkut minimal dua film.": "A jury decision involves at least two films.",
  "Tulis alasan keputusan juri (minimal 10 karakter).": "Write the reason for the jury's decision (at least 10 characters).",
  "Alasan paling panjang 2.000 karakter.": "The reason can be at most 2,000 characters.",
  'Tulis siapa yang memutuskan, mis. "Dewan juri: nama-nama juri".': 'Write who decided, e.g. "Dewan juri: the judges\' names".',
  "Paling panjang 300 karakter.": "At most 300 characters.",
  "Tulis alasan mencabut keputusan (minimal 10 karakter).": "Write the reason for revoking the decision (at least 10 characters).",
  "Alasan paling panjang 1.000 karakter.": "The reason can be at most 1,000 characters.",
  "Keputusan juri hanya bisa dicatat atau dicabut selama penjurian, sebelum hasil disegel.": "Jury decisions can only be recorded or revoked during judging, before the results are sealed.",
  "Pilih urutan film ini.": "Choose this film's place.",
  "Urutan ini sudah dipakai film lain.": "Another film already has this place.",
  "Setiap film yang seri harus mendapat urutan sendiri.": "Each tied film needs a place of its own.",
  "Film-film ini tidak sedang seri. Muat ulang halaman untuk melihat seri yang tersisa.": "These films are not tied now. Reload the page to see the ties that remain.",

  // Exclusions (lib/results/exclusions.ts)
  "Tulis alasan film ini tidak diperingkat (minimal 10 karakter); KIM akan membacanya.": "Write why this film is not ranked (at least 10 characters); the KIM will read it.",
  "Film hanya bisa dikecualikan atau dikembalikan selama penjurian, sebelum hasil disegel.": "A film can only be left out or put back during judging, before the results are sealed.",
  "Film ini tidak ikut diperingkat di babak ini.": "This film is not ranked in this round.",

  // What stands between judging and the seal (lib/results/seal-checklist.ts). Names are {x:message}:
  // each item is translated on its own, and a name may hold a sentence end ("Dr. Sri Wahyuni").
  "Hasil belum bisa disegel. Selesaikan dulu daftar ini:": "The results cannot be sealed yet. First resolve this list:",
  "Film {film:message} belum dikurasi, jadi belum dinilai juri.": "Film {film} has not been screened, so no judge has scored it.",
  "Film {film:message} belum ditugaskan ke juri mana pun (perlu {required} lembar nilai).": "Film {film} is not assigned to any judge ({required} score sheets needed).",
  "Film {film:message} baru punya {submitted} dari {required} lembar nilai yang terkirim.": "Film {film} has only {submitted} of {required} score sheets sent.",
  "Lembar nilai untuk film {film:message} belum dikirim oleh {judges:message}.": "The score sheet for film {film} has not been sent by {judges}.",
  "Lembar nilai untuk film {film:message} dibuka kembali dan belum dikirim ulang oleh {judges:message}.": "The score sheet for film {film} was reopened and has not been sent again by {judges}.",
  "Seri di peringkat {position} dengan nilai {score:number} belum diputus: {films:message}.": "The tie at place {position} on a score of {score} is not resolved: {films}.",
  "Seri di peringkat {position} kategori {category:message} dengan nilai {score:number} belum diputus: {films:message}.": "The tie at place {position} in category {category} on a score of {score} is not resolved: {films}.",
  "Seri di peringkat {position} dengan nilai {score:number} belum diputus karena keputusan juri yang tercatat saling bertentangan: {films:message}.":
    "The tie at place {position} on a score of {score} is not resolved because the recorded jury decisions contradict each other: {films}.",
  "Seri di peringkat {position} kategori {category:message} dengan nilai {score:number} belum diputus karena keputusan juri yang tercatat saling bertentangan: {films:message}.":
    "The tie at place {position} in category {category} on a score of {score} is not resolved because the recorded jury decisions contradict each other: {films}.",
};
