/** English for the Indonesian messages of messages (templates, queue, broadcast, reminders) (see lib/i18n/error-catalogue.ts for the format). */
export const catalogue: Record<string, string> = {
  // Templates (lib/messages/render.ts)
  "Jenis pesan tidak dikenal.": "Unknown kind of message.",
  "Pilih bahasa.": "Choose a language.",
  "Tulis judul email (minimal 3 karakter).": "Write the email's subject (at least 3 characters).",
  "Judul email paling panjang 200 karakter.": "The email's subject can be at most 200 characters.",
  "Tulis isi pesan (minimal 10 karakter).": "Write the message (at least 10 characters).",
  "Isi pesan paling panjang 5.000 karakter.": "The message can be at most 5,000 characters.",
  "Periksa penanda di templat.": "Check the placeholders in the template.",
  "Penanda tidak dikenal: {list}. Yang bisa dipakai: {allowed}.": "Unknown placeholder: {list}. You can use: {allowed}.",

  // Broadcast (lib/messages/admin.ts)
  "Tulis judul pesan (minimal 3 karakter).": "Write the message's subject (at least 3 characters).",
  "Pilih penerima.": "Choose the recipients.",
  "Muat ulang halaman lalu kirim lagi.": "Reload the page and send again.",
  "Periksa penanda di pesan.": "Check the placeholders in the message.",
  "Tidak ada KIM yang bisa menerima pesan ini.": "No KIM can receive this message.",

  // The actions (lib/actions/message-actions.ts)
  "Templat disimpan.": "Template saved.",
  "Pesan ini sudah dikirim sebelumnya; tidak ada yang dikirim lagi.": "This message was already sent; nothing was sent again.",
  "Pesan masuk antrean untuk {count} penerima.": "Message queued for {count} recipients.",
  "Pilihan pesan disimpan.": "Message preferences saved.",

  // The account's preferences (lib/messages/admin.ts)
  "Pilih bahasa email.": "Choose the language of your email.",
};
