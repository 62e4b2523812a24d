/** English for the Indonesian messages of this area (see lib/i18n/error-catalogue.ts for the format). */
export const catalogue: Record<string, string> = {
  // Creating an entry: the slot confirmation, who may enter, an organiser entering for a KIM
  "Centang konfirmasi bahwa film ini memakai satu slot film KIM.": "Tick the confirmation that this film uses one of the KIM's film slots.",
  "Pilih KIM.": "Choose a KIM.",
  "Festival tidak ditemukan.": "Festival not found.",
  "KIM ini tidak bisa ikut festival ini (di luar wilayahnya, atau festival hanya untuk KIM aktif).":
    "This KIM cannot enter this festival (outside its region, or the festival is for active KIMs only).",
  "Festival ini hanya untuk KIM yang berstatus aktif. Hubungi Diskominfo bila status KIM Anda perlu diperbarui.":
    "This festival is for active KIMs only. Contact Diskominfo if your KIM's status needs updating.",
  "Panitia hanya bisa menambah atau mengubah film KIM selama festival berstatus pendaftaran.": "The organisers can add or change KIM films only while the festival is taking entries.",
  "Film ini sudah diproses panitia dan tidak bisa diubah lagi.": "The organisers have already processed this film; it can no longer be changed.",

  // Subtitles required by the edition's rules
  "Video diterima. Unggah subtitle Bahasa Indonesia (.srt atau .vtt) agar film lengkap dan bisa dinilai.":
    "Video accepted. Upload Indonesian subtitles (.srt or .vtt) to complete the entry so it can be judged.",

  // Room for uploads: one unfinished upload per film, the edition's storage budget, the server's disk
  "Unggahan ini dihentikan karena unggahan baru untuk film yang sama sudah dimulai.": "This upload was stopped because a new upload for the same film has started.",
  "Kuota penyimpanan festival ini tidak cukup untuk video sebesar {size:bytes} (kuota {budget:bytes}, terpakai {used:bytes}). Hubungi panitia festival.":
    "This festival's storage budget has no room for a {size} video (budget {budget}, in use {used}). Contact the festival organisers.",
  "Ruang penyimpanan server tidak cukup untuk video sebesar {size:bytes}. Unggahan belum bisa diterima; hubungi panitia festival.":
    "The server does not have enough storage space for a {size} video. The upload cannot be accepted yet; contact the festival organisers.",
  "Ruang penyimpanan server penuh. Bagian yang sudah terkirim tetap tersimpan; unggahan dilanjutkan setelah panitia mengosongkan ruang.":
    "The server's storage is full. What has been sent so far is kept; the upload continues once the organisers free some space.",
};
