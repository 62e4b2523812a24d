/** English for the Indonesian messages of this area (see lib/i18n/error-catalogue.ts for the format). */
export const catalogue: Record<string, string> = {
  // Judge invitations from an edition's roster
  "Periksa email juri.": "Please check the judge's email.",
  "Email ini dipakai akun panitia atau KIM. Juri perlu email lain.": "This email belongs to an organiser or KIM account. The judge needs another email.",
  "Juri ini sudah tergabung di festival ini.": "This judge has already joined this festival.",
  "Undangan untuk email ini masih berlaku. Kirim ulang dari daftar undangan bila perlu.": "An invitation for this email is still valid. Resend it from the invitations list if needed.",
  "Undangan ini sudah diterima; juri sudah tergabung.": "This invitation has been accepted; the judge has joined.",
  "Undangan ini sudah ditarik.": "This invitation has been revoked.",
  "Undangan baru dikirim lewat email.": "A new invitation was sent by email.",
  "{sent:message} Tautan lama tidak berlaku lagi.": "{sent} The old link no longer works.",
  "Undangan ditarik; tautannya tidak berlaku lagi.": "Invitation revoked; its link no longer works.",

  // A judge's categories and film cap
  "Periksa kategori dan batas film.": "Please check the categories and the film cap.",
  "Kategori tidak dikenal di festival ini.": "This category is not part of this festival.",
  "Batas film berupa bilangan bulat 1 sampai 1.000, atau kosongkan bila tanpa batas.": "The film cap is a whole number from 1 to 1,000, or empty for no cap.",
  "Juri ini sudah mengirim {count} lembar nilai; batas tidak bisa di bawah itu.": "This judge has already sent {count} score sheets; the cap cannot be lower than that.",
  "Juri ini sudah mengirim nilai untuk film kategori {category}; kategori itu harus tetap dipilih.": "This judge has already scored a film in the category {category}; that category must stay ticked.",
  "Juri ini sudah mengirim nilai untuk film tanpa kategori; biarkan semua kategori kosong.": "This judge has already scored a film without a category; leave every category unticked.",
  "Kategori dan batas film disimpan. Pratinjau penugasan sudah memakainya.": "Categories and film cap saved. The assignment preview already uses them.",

  // Conflicts of interest entered by the organiser
  "Periksa juri dan film yang dipilih.": "Please check the judge and the film you chose.",
  "Pilih juri dari festival ini.": "Choose a judge of this festival.",
  "Pilih film dari festival ini.": "Choose a film of this festival.",
  "Konflik antara juri ini dan film ini sudah tercatat.": "A conflict between this judge and this film is already on record.",
  "Konflik tidak dikenal.": "Unknown conflict.",
  "Konflik yang dinyatakan juri sendiri tidak bisa dihapus panitia.": "A conflict the judge declared cannot be removed by the organisers.",
  "Panitia mencatat konflik kepentingan antara juri ini dan film ini.": "The organisers recorded a conflict of interest between this judge and this film.",
  "Konflik kepentingan dicatat.": "Conflict of interest recorded.",
  "Konflik kepentingan dicatat. Penugasan pasangan ini ditutup; {added} penugasan pengganti dibuat.": "Conflict of interest recorded. This pair's assignment was closed; {added} replacement assignments were made.",
  "Konflik dihapus; dicatat di log audit.": "Conflict removed; recorded in the audit log.",
  "Hasil sudah disegel. Buka segel dulu (dengan alasan) sebelum mengubah konflik kepentingan.": "The results are sealed. Unseal them first (with a reason) before changing conflicts of interest.",

  // When an assignment can be saved (docs/decisions/0012)
  "Penugasan juri baru bisa disimpan setelah pendaftaran film ditutup dan masa penilaian dimulai. Sampai saat itu hanya pratinjau.":
    "The judges' assignment can be saved once film entries have closed and judging has started. Until then it is only a preview.",
};
