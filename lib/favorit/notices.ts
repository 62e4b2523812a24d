// What the public vote's form route says after each step (shown on the page, in the reader's
// language through the catalogue lib/i18n/catalogue/favorit.ts).
export const voteNotices = {
  codeSent: { message: "Kode sudah dikirim. Periksa kotak masuk (juga folder spam); kode berlaku 10 menit." },
  verified: { message: "Alamat terverifikasi. Pilih satu film di setiap kategori." },
  votedSome: { message: "Pilihan Anda tersimpan. Di kategori lain Anda sudah memilih sebelumnya." },
  voted: { message: "Terima kasih, pilihan Anda tersimpan." },
  askCode: { message: "Minta kode dulu." },
  verifyFirst: { message: "Verifikasi alamat Anda dulu." },
};
