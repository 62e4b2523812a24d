/** English for the Indonesian messages of this area (see lib/i18n/error-catalogue.ts for the format). */
export const catalogue: Record<string, string> = {
  // Document settings (lib/documents/document-settings.ts, lib/actions/document-actions.ts)
  "Pengaturan dokumen tersimpan.": "Document settings saved.",
  "NIP terdiri dari 18 angka (boleh dipisah spasi).": "A NIP has 18 digits (spaces between them are fine).",
  "Isi nama penandatangan pemilik NIP ini.": "Enter the name of the signatory this NIP belongs to.",
  "Logo paling besar 2 MB.": "The logo can be at most 2 MB.",
  "Berkas logo bukan gambar yang bisa dibaca. Gunakan PNG atau JPEG.": "The logo file is not an image that can be read. Use PNG or JPEG.",
  "Format gambar {format} tidak diterima untuk logo. Gunakan PNG atau JPEG.": "The image format {format} is not accepted for the logo. Use PNG or JPEG.",
  "Logo terlalu kecil: sisi terpendek minimal 48 piksel.": "The logo is too small: its shorter side needs at least 48 pixels.",

  // Downloads (lib/documents/serve-document.ts)
  "Dokumen hasil baru tersedia setelah hasil penilaian disegel.": "Results documents are available once the results are sealed.",
  "Belum ada pemenang yang bisa dibuatkan piagam.": "There are no winners to make certificates for yet.",
  "Belum ada piagam peserta: piagam peserta diterbitkan saat hasil disegel.": "No participation certificates yet: they are issued when the results are sealed.",
  "Belum ada piagam juri: piagam juri diterbitkan saat hasil disegel.": "No judges' certificates yet: they are issued when the results are sealed.",
};
