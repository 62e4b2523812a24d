/** English for the Indonesian messages of nominations (lib/nominations/, docs/decisions/0035). */
export const catalogue: Record<string, string> = {
  // The intake of a provincial edition (lib/nominations/intake.ts)
  "Pilih cara festival menerima film.": "Choose how the festival takes films.",
  "Pilih jenis kuota.": "Choose the kind of quota.",
  "Tulis kuota per kabupaten/kota dengan angka.": "Enter the quota per regency as a number.",
  "Kuota berupa bilangan bulat.": "The quota is a whole number.",
  "Kuota paling sedikit 1 film.": "The quota is at least 1 film.",
  "Kuota paling banyak {max} film.": "The quota is at most {max} films.",
  "Nominasi hanya untuk festival tingkat provinsi.": "Nominations are only for provincial festivals.",
  "Hasil sudah disegel: cara penerimaan film tidak bisa diubah lagi.": "The results are sealed: how films are taken can no longer change.",
  "Festival ini hanya menerima film kiriman (nominasi) dari panitia kabupaten/kota, bukan pendaftaran langsung dari KIM.":
    "This festival only takes films nominated by the regencies' organisers, not direct entries from KIMs.",

  // Nominating (lib/nominations/nominate.ts, rules.ts)
  "Hanya panitia kabupaten/kota penyelenggara yang bisa mengirim nominasi dari festival ini.": "Only the regency organiser that runs this festival can send nominations from it.",
  "Nominasi hanya bisa dikirim dari festival yang hasilnya sudah diumumkan.": "Nominations can only be sent from a festival whose results are published.",
  "Pilih festival provinsi.": "Choose a provincial festival.",
  "Pilih paling sedikit satu film.": "Choose at least one film.",
  "Festival provinsi tidak ditemukan atau tidak menerima nominasi.": "The provincial festival was not found or does not take nominations.",
  'Film "{title}" tidak bisa dinominasikan: film ini tidak termasuk hasil festival.': 'The film "{title}" cannot be nominated: it is not part of the festival\'s results.',
  'Film "{title}" sudah dinominasikan ke festival ini.': 'The film "{title}" has already been nominated to this festival.',
  'Film "{title}" tidak bisa dinominasikan: {why}': 'The film "{title}" cannot be nominated: {why}',
  'Film "{title}" tidak memenuhi aturan festival provinsi: {problems}': 'The film "{title}" does not meet the provincial festival\'s rules: {problems}',
  "Festival provinsi hanya menerima film peringkat 1–{n} dari hasil kabupaten/kota; film ini tidak termasuk.": "The provincial festival only takes films ranked 1–{n} in the regency's results; this film is not.",
  "Kuota {n} film per kabupaten/kota sudah terpakai.": "The quota of {n} films per regency is used up.",
  "Film ini tidak punya video yang lolos pemeriksaan.": "This film has no video that passed the check.",
  "Aturan festival provinsi meminta subtitle untuk film ini, tetapi film ini tidak punya berkas subtitle.": "The provincial festival's rules ask for subtitles for this film, but it has no subtitle file.",
  "Festival provinsi ini tidak sedang menerima nominasi.": "This provincial festival is not taking nominations now.",
  "Nominasi sudah ditutup {date}.": "Nominations closed {date}.",
  "Film ini dikirim dari festival kabupaten/kota: videonya, poster dan subtitle dipakai dari sana dan tidak bisa diganti di sini.":
    "This film was sent from a regency festival: its video, poster and subtitles are the ones from there and cannot be replaced here.",

  // The KIM's answer and the province's return
  "Tautan nominasi ini untuk anggota KIM yang filmnya dinominasikan.": "This nomination link is for members of the KIM whose film was nominated.",
  "Nominasi ini sudah dijawab sebelumnya.": "This nomination has already been answered.",
  "Pilih nominasi.": "Choose a nomination.",
  "Tulis alasan pengembalian.": "Write the reason for returning it.",
  "Tulis alasan pengembalian (minimal 5 karakter).": "Write the reason for returning it (at least 5 characters).",
  "Hasil sudah disegel: nominasi tidak bisa dikembalikan lagi.": "The results are sealed: nominations can no longer be returned.",
  "Nominasi tidak ditemukan atau sudah tidak berlaku.": "The nomination was not found or no longer stands.",
  "Dikembalikan oleh panitia provinsi: {reason}": "Returned by the provincial organiser: {reason}",

  // Server actions (lib/actions/nomination-actions.ts)
  "Cara penerimaan film disimpan.": "How the festival takes films was saved.",
  "1 film dinominasikan. KIM-nya diminta mengonfirmasi lewat tautan.": "1 film nominated. Its KIM is asked to confirm by a link.",
  "{count} film dinominasikan. KIM-nya diminta mengonfirmasi lewat tautan.": "{count} films nominated. Their KIMs are asked to confirm by a link.",
  "Nominasi dikembalikan; KIM dan panitia kabupaten/kota diberi tahu.": "Nomination returned; the KIM and the regency organiser have been told.",
  "Nominasi ditolak. Panitia kabupaten/kota melihat jawaban Anda.": "Nomination declined. The regency organiser sees your answer.",
  "Nominasi dikonfirmasi. Film Anda ikut festival provinsi dengan kode {code}.": "Nomination confirmed. Your film is in the provincial festival with the code {code}.",
  "Nominasi dibatalkan.": "Nomination withdrawn.",
  "Nominasi tidak ditemukan.": "Nomination not found.",
  "Nominasi ini sudah dijawab KIM atau sudah dibatalkan.": "This nomination has already been answered by the KIM or withdrawn.",
};
