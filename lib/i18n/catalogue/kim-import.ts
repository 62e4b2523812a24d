/** English for the Indonesian messages of the KIM list import (XLSX/CSV) (see lib/i18n/error-catalogue.ts for the format). */
export const catalogue: Record<string, string> = {
  // The file as a whole (lib/kim/import/read-sheet.ts, parse-rows.ts, the upload action)
  "Pilih berkas XLSX atau CSV berisi daftar KIM.": "Choose an XLSX or CSV file with the KIM list.",
  "Berkas kosong. Pilih berkas XLSX atau CSV berisi daftar KIM.": "The file is empty. Choose an XLSX or CSV file with the KIM list.",
  "Berkas terlalu besar (paling besar 3 MB). Bagi daftarnya menjadi beberapa berkas.": "The file is too large (at most 3 MB). Split the list into several files.",
  "Berkas berisi lebih dari 5.000 baris data. Bagi daftarnya menjadi beberapa berkas.": "The file has more than 5,000 data rows. Split the list into several files.",
  "Berkas ZIP ini rusak atau terpotong; simpan ulang dari Excel sebagai XLSX.": "This ZIP file is damaged or cut short; save it again from Excel as XLSX.",
  "Berkas ini arsip ZIP atau dokumen Office lain, bukan lembar kerja XLSX. Pilih berkas XLSX atau CSV.": "This file is a ZIP archive or another Office document, not an XLSX workbook. Choose an XLSX or CSV file.",
  "Isi berkas XLSX ini terlalu besar untuk daftar KIM. Simpan hanya lembar daftar KIM.": "This XLSX file unpacks to far too much for a KIM list. Save only the KIM list sheet.",
  "Berkas .xls (Excel lama) belum bisa dibaca. Simpan sebagai .xlsx atau CSV lalu unggah lagi.": "Old Excel .xls files cannot be read yet. Save it as .xlsx or CSV and upload again.",
  "Berkas ini {what:media}, bukan XLSX atau CSV. Pilih berkas daftar KIM dari Excel atau spreadsheet.": "This file is a {what}, not XLSX or CSV. Choose the KIM list file from Excel or a spreadsheet app.",
  "Berkas ini video, bukan XLSX atau CSV. Pilih berkas daftar KIM dari Excel atau spreadsheet.": "This file is a video, not XLSX or CSV. Choose the KIM list file from Excel or a spreadsheet app.",
  "Berkas ini bukan XLSX atau CSV. Pilih berkas daftar KIM dari Excel atau spreadsheet.": "This file is not XLSX or CSV. Choose the KIM list file from Excel or a spreadsheet app.",
  "Berkas XLSX ini tidak bisa dibaca (rusak atau dilindungi kata sandi). Simpan ulang dari Excel lalu unggah lagi.": "This XLSX file cannot be read (damaged or password-protected). Save it again from Excel and upload again.",
  "Baris judul kolom tidak ditemukan. Baris pertama perlu berisi paling tidak kolom Nama KIM dan Desa/Kelurahan atau Kecamatan.": "No row of column names found. The first row needs at least the columns Nama KIM (KIM name) and Desa/Kelurahan (village) or Kecamatan.",
  "Berkas tidak berisi baris data di bawah judul kolom.": "The file has no data rows below the column names.",

  // One row (lib/kim/import/parse-rows.ts, match-places.ts)
  "Nama KIM kosong.": "The KIM name is empty.",
  "Nama KIM terlalu panjang (paling banyak 150 karakter).": "The KIM name is too long (at most 150 characters).",
  "Status \"{value:message}\" tidak dikenal; tulis aktif atau tidak aktif.": "Status \"{value}\" is not known; write aktif (active) or tidak aktif (inactive).",
  "Sama dengan baris {row} di berkas ini.": "Same as row {row} in this file.",
  "Kode {code} ({name:message}) ada di {regency:message}, di luar wilayah Anda.": "Code {code} ({name}) is in {regency}, outside your region.",
  "Kode wilayah {code:message} tidak dikenal.": "Region code {code} is not known.",
  "Kecamatan {name:message} cocok dengan beberapa kecamatan; tulis nama lengkapnya.": "Kecamatan {name} matches several kecamatan; write its full name.",
  "Kecamatan {name:message} ada di {regency:message}, di luar wilayah Anda.": "Kecamatan {name} is in {regency}, outside your region.",
  "Kecamatan {name:message} tidak ditemukan di {region:message}.": "Kecamatan {name} was not found in {region}.",
  "Kode desa {code} ({name:message}) tidak berada di Kecamatan {district:message}.": "Village code {code} ({name}) is not in Kecamatan {district}.",
  "Isi desa/kelurahan atau kecamatan.": "Fill in the village or the kecamatan.",
  "Desa/kelurahan {name:message} cocok dengan beberapa desa di Kecamatan {district:message}; tulis nama lengkapnya atau kode desanya.": "Village {name} matches several villages in Kecamatan {district}; write its full name or its village code.",
  "Ada beberapa desa/kelurahan bernama {name:message} (Kecamatan {districts:message}); isi kolom kecamatan.": "There are several villages called {name} (Kecamatan {districts}); fill in the kecamatan column.",
  "Desa/kelurahan {name:message} tidak ada di Kecamatan {district:message}.": "Village {name} is not in Kecamatan {district}.",
  "Desa/kelurahan {name:message} ada di {regency:message}, di luar wilayah Anda.": "Village {name} is in {regency}, outside your region.",
  "Desa/kelurahan {name:message} tidak ditemukan di Kecamatan {district:message}.": "Village {name} was not found in Kecamatan {district}.",
  "Desa/kelurahan {name:message} tidak ditemukan di {region:message}.": "Village {name} was not found in {region}.",

  // Notes on a row that is still imported
  "Sel gabungan: nilai kolom ini diambil dari baris {row}.": "Merged cell: this column's value was taken from row {row}.",
  "Status kosong; dicatat aktif.": "Status empty; recorded as active.",
  "Alasan tidak aktif kosong; dicatat \"Tidak disebutkan di berkas impor.\"": "No reason given for inactive; recorded as \"Not stated in the imported file.\"",
  "Nomor HP \"{value:message}\" tidak terbaca; dikosongkan.": "Phone number \"{value}\" could not be read; left empty.",
  "Email \"{value:message}\" tidak valid; dikosongkan.": "Email \"{value}\" is not valid; left empty.",
  "Tahun/tanggal berdiri \"{value:message}\" tidak terbaca; dikosongkan.": "Founding year/date \"{value}\" could not be read; left empty.",
  "Kecamatan {typed:message} dibaca sebagai {name:message}.": "Kecamatan {typed} read as {name}.",
  "Desa/kelurahan {typed:message} dibaca sebagai {name:message}.": "Village {typed} read as {name}.",

  // Confirming (lib/kim/import/confirm-import.ts)
  "Pilih paling tidak satu baris untuk diimpor.": "Choose at least one row to import.",
  "Pratinjau ini sudah dibatalkan. Unggah berkasnya lagi.": "This preview was cancelled. Upload the file again.",
  "Berkas ini sudah diimpor; tidak ada yang diimpor dua kali.": "This file has already been imported; nothing is imported twice.",
};
