import type { Locale } from "@/lib/i18n/locales";

/**
 * The messages Layar sends (docs/decisions/0034-messages.md). Each kind has a default text
 * per language here; an organiser may replace it for their region (message_templates), and a
 * regency without its own text takes its province's. Placeholders are written {nama}; each
 * kind lists the ones it fills, and a template using another is refused when saved.
 */
export const messageKinds = [
  "kim_registered",
  "kim_approved",
  "kim_rejected",
  "entry_received",
  "video_accepted",
  "video_refused",
  "screening_passed",
  "screening_failed",
  "deadline_reminder",
  "sheet_reopened",
  "nomination_request",
  "nomination_returned",
  "broadcast",
] as const;
export type MessageKind = (typeof messageKinds)[number];

/** Kinds whose text the organiser edits on /admin/pesan/templat (a broadcast is written each time). */
export const editableKinds = messageKinds.filter((k) => k !== "broadcast");

export const allPlaceholders = ["nama", "kim", "festival", "film", "alasan", "tautan", "batas", "pendaftar"] as const;
export type Placeholder = (typeof allPlaceholders)[number];
export type MessageValues = Partial<Record<Placeholder, string>>;

export const kindPlaceholders: Record<MessageKind, readonly Placeholder[]> = {
  kim_registered: ["nama", "kim", "pendaftar", "tautan"],
  kim_approved: ["nama", "kim", "tautan"],
  kim_rejected: ["nama", "kim", "alasan", "tautan"],
  entry_received: ["nama", "kim", "festival", "film", "batas", "tautan"],
  video_accepted: ["nama", "kim", "festival", "film", "tautan"],
  video_refused: ["nama", "kim", "festival", "film", "alasan", "tautan"],
  screening_passed: ["nama", "kim", "festival", "film", "tautan"],
  screening_failed: ["nama", "kim", "festival", "film", "alasan", "tautan"],
  deadline_reminder: ["nama", "kim", "festival", "batas", "tautan"],
  sheet_reopened: ["nama", "festival", "film", "alasan", "tautan"],
  nomination_request: ["nama", "kim", "festival", "film", "batas", "tautan"],
  nomination_returned: ["nama", "kim", "festival", "film", "alasan", "tautan"],
  broadcast: ["nama", "kim"],
};

/** Sample values for the template preview. */
export const sampleValues: Record<Locale, Required<MessageValues>> = {
  id: {
    nama: "Siti Rahayu",
    kim: "KIM Dagen Maju",
    festival: "Festival Film KIM Karanganyar 2026",
    film: "Sungai Kami",
    alasan: "Durasi video 16 menit, melebihi batas 15 menit.",
    tautan: "https://layar.example/kim",
    batas: "30 Juni 2026 23.59 WIB",
    pendaftar: "Agus Santoso",
  },
  en: {
    nama: "Siti Rahayu",
    kim: "KIM Dagen Maju",
    festival: "Festival Film KIM Karanganyar 2026",
    film: "Sungai Kami",
    alasan: "The video is 16 minutes long, over the 15-minute limit.",
    tautan: "https://layar.example/kim",
    batas: "30 June 2026 23:59 WIB",
    pendaftar: "Agus Santoso",
  },
};

export type Template = { subject: string; body: string };

export const defaultTemplates: Record<MessageKind, Record<Locale, Template>> = {
  kim_registered: {
    id: {
      subject: "Pendaftaran KIM baru: {kim}",
      body: "Halo {nama},\n\n{pendaftar} baru saja mendaftarkan {kim} di Layar. Periksa dan setujui atau tolak pendaftarannya:\n{tautan}",
    },
    en: {
      subject: "New KIM registration: {kim}",
      body: "Hello {nama},\n\n{pendaftar} has just registered {kim} on Layar. Review it and approve or reject it:\n{tautan}",
    },
  },
  kim_approved: {
    id: {
      subject: "Pendaftaran {kim} disetujui",
      body: "Halo {nama},\n\nPendaftaran {kim} di Layar sudah disetujui. KIM Anda sekarang bisa mengirim film ke festival yang dibuka untuknya.\n\nMasuk di: {tautan}",
    },
    en: {
      subject: "Registration of {kim} approved",
      body: "Hello {nama},\n\nThe registration of {kim} on Layar has been approved. Your KIM can now enter films in the festivals open to it.\n\nSign in at: {tautan}",
    },
  },
  kim_rejected: {
    id: {
      subject: "Pendaftaran {kim} ditolak",
      body: "Halo {nama},\n\nMaaf, pendaftaran {kim} di Layar ditolak oleh panitia.\n\nAlasan: {alasan}\n\nBila ada yang perlu diperbaiki, daftar ulang atau hubungi Diskominfo kabupaten/kota Anda. {tautan}",
    },
    en: {
      subject: "Registration of {kim} rejected",
      body: "Hello {nama},\n\nSorry, the organiser rejected the registration of {kim} on Layar.\n\nReason: {alasan}\n\nIf something needs fixing, register again or contact your regency's Diskominfo. {tautan}",
    },
  },
  entry_received: {
    id: {
      subject: "Karya diterima: {film}",
      body: "Halo {nama},\n\nKarya {kim} untuk {festival} sudah tercatat. Lengkapi data film dan unggah videonya sebelum {batas}.\n\n{tautan}",
    },
    en: {
      subject: "Entry received: {film}",
      body: "Hello {nama},\n\nThe entry of {kim} for {festival} has been recorded. Complete the film's details and upload its video before {batas}.\n\n{tautan}",
    },
  },
  video_accepted: {
    id: {
      subject: "Video diterima: {film}",
      body: "Halo {nama},\n\nVideo film {film} ({kim}) untuk {festival} lolos pemeriksaan otomatis dan sudah tersimpan.\n\n{tautan}",
    },
    en: {
      subject: "Video accepted: {film}",
      body: "Hello {nama},\n\nThe video of {film} ({kim}) for {festival} passed the automatic check and is stored.\n\n{tautan}",
    },
  },
  video_refused: {
    id: {
      subject: "Video ditolak: {film}",
      body: "Halo {nama},\n\nVideo film {film} ({kim}) untuk {festival} tidak lolos pemeriksaan otomatis.\n\nAlasan: {alasan}\n\nPerbaiki videonya lalu unggah ulang dari halaman film sebelum pendaftaran ditutup:\n{tautan}",
    },
    en: {
      subject: "Video refused: {film}",
      body: "Hello {nama},\n\nThe video of {film} ({kim}) for {festival} did not pass the automatic check.\n\nReason: {alasan}\n\nFix the video and upload it again from the film's page before entries close:\n{tautan}",
    },
  },
  screening_passed: {
    id: {
      subject: "Lolos kurasi: {film}",
      body: "Halo {nama},\n\nSelamat! Film {film} ({kim}) lolos kurasi {festival} dan masuk ke penjurian.\n\n{tautan}",
    },
    en: {
      subject: "Passed screening: {film}",
      body: "Hello {nama},\n\nCongratulations! {film} ({kim}) passed the screening of {festival} and goes on to judging.\n\n{tautan}",
    },
  },
  screening_failed: {
    id: {
      subject: "Tidak lolos kurasi: {film}",
      body: "Halo {nama},\n\nFilm {film} ({kim}) tidak lolos kurasi {festival}.\n\nAlasan: {alasan}\n\n{tautan}",
    },
    en: {
      subject: "Did not pass screening: {film}",
      body: "Hello {nama},\n\n{film} ({kim}) did not pass the screening of {festival}.\n\nReason: {alasan}\n\n{tautan}",
    },
  },
  deadline_reminder: {
    id: {
      subject: "Pengingat: pendaftaran {festival} ditutup {batas}",
      body: "Halo {nama},\n\nKarya {kim} untuk {festival} belum lengkap. Pendaftaran film ditutup {batas}. Lengkapi data dan unggah videonya di:\n{tautan}",
    },
    en: {
      subject: "Reminder: entries for {festival} close {batas}",
      body: "Hello {nama},\n\nThe entry of {kim} for {festival} is not complete yet. Entries close {batas}. Complete it and upload the video at:\n{tautan}",
    },
  },
  sheet_reopened: {
    id: {
      subject: "Lembar nilai dibuka kembali: {film}",
      body: "Halo {nama},\n\nPanitia {festival} membuka kembali lembar nilai Anda untuk film {film}.\n\nAlasan: {alasan}\n\nPeriksa, perbaiki bila perlu, lalu kirim lagi:\n{tautan}",
    },
    en: {
      subject: "Score sheet reopened: {film}",
      body: "Hello {nama},\n\nThe organiser of {festival} reopened your score sheet for {film}.\n\nReason: {alasan}\n\nCheck it, correct it if needed, and submit it again:\n{tautan}",
    },
  },
  nomination_request: {
    id: {
      subject: "Film Anda dinominasikan: {film}",
      body: "Halo {nama},\n\nPanitia kabupaten/kota menominasikan film {film} ({kim}) ke {festival}. Film ini akan ikut tanpa diunggah ulang, dengan kode baru dan penilaian baru.\n\nKonfirmasi atau tolak nominasi ini sebelum {batas}:\n{tautan}",
    },
    en: {
      subject: "Your film has been nominated: {film}",
      body: "Hello {nama},\n\nYour regency's organiser nominated {film} ({kim}) for {festival}. The film goes on without a new upload, with a new code and new judging.\n\nConfirm or decline this nomination before {batas}:\n{tautan}",
    },
  },
  nomination_returned: {
    id: {
      subject: "Nominasi dikembalikan: {film}",
      body: "Halo {nama},\n\nPanitia {festival} mengembalikan nominasi film {film} ({kim}).\n\nAlasan: {alasan}\n\n{tautan}",
    },
    en: {
      subject: "Nomination returned: {film}",
      body: "Hello {nama},\n\nThe organiser of {festival} returned the nomination of {film} ({kim}).\n\nReason: {alasan}\n\n{tautan}",
    },
  },
  broadcast: {
    id: { subject: "Pesan panitia", body: "Halo {nama}," },
    en: { subject: "Message from the organiser", body: "Hello {nama}," },
  },
};

/** What every reminder says at its end (not editable: a reminder always says how to stop them). */
export const reminderFooter: Record<Locale, (link: string) => string> = {
  id: (link) => `\n\n—\nAnda menerima pengingat ini karena pengingat tenggat aktif di akun Anda. Untuk mematikannya, buka ${link}`,
  en: (link) => `\n\n—\nYou receive this reminder because deadline reminders are on in your account. To turn them off, go to ${link}`,
};
