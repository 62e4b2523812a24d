import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  date,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

// One schema for the whole festival lifecycle (docs/ARCHITECTURE.md). New
// capabilities add a table only for a new kind of record, and say why above it.

const created = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const at = (name: string) => timestamp(name, { withTimezone: true });

// ---------- regions (Kemendagri codes, from idn-area-data) ----------

export const regionLevel = pgEnum("region_level", ["provinsi", "kabupaten", "kecamatan", "desa"]);

export const regions = pgTable(
  "regions",
  {
    code: text("code").primaryKey(),
    parentCode: text("parent_code"),
    level: regionLevel("level").notNull(),
    name: text("name").notNull(),
  },
  (t) => [index("regions_parent_idx").on(t.parentCode), index("regions_level_idx").on(t.level)],
);

// ---------- KIM registry ----------

export const kimStatus = pgEnum("kim_status", ["aktif", "tidak_aktif"]);

export const kimGroups = pgTable(
  "kim_groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    villageCode: text("village_code").references(() => regions.code),
    districtCode: text("district_code").notNull().references(() => regions.code),
    regencyCode: text("regency_code").notNull().references(() => regions.code),
    status: kimStatus("status").notNull().default("aktif"),
    inactiveReason: text("inactive_reason"),
    foundedYear: smallint("founded_year"),
    contactName: text("contact_name"),
    contactPhone: text("contact_phone"),
    contactEmail: text("contact_email"),
    // The registry's record (issue 14): what an office keeps on a KIM.
    address: text("address"),
    foundedOn: date("founded_on"),
    skNumber: text("sk_number"),
    skDate: date("sk_date"),
    description: text("description"),
    // Storage key of the logo (a small re-encoded image), null without one.
    logoKey: text("logo_key"),
    socialLinks: jsonb("social_links").$type<{ label: string; url: string }[]>().notNull().default([]),
    // The day the current status took effect (the whole history is in kim_status_history).
    statusSince: date("status_since"),
    updatedAt: at("updated_at"),
    // Demo rows invented for illustration are marked so the interface can say "contoh".
    isSample: boolean("is_sample").notNull().default(false),
    createdAt: created(),
  },
  (t) => [
    index("kim_regency_idx").on(t.regencyCode),
    // A province's KIMs: regency_code like '33.%' (any collation; docs/decisions/0039).
    index("kim_regency_prefix_idx").on(t.regencyCode.op("text_pattern_ops")),
    // Directory and archive search by name, word prefixes (lib/public/text-search.ts).
    index("kim_name_search_idx").using("gin", sql`to_tsvector('simple', ${t.name})`),
    index("kim_district_idx").on(t.districtCode),
    check("kim_inactive_reason", sql`${t.status} = 'aktif' or ${t.inactiveReason} is not null`),
  ],
);

export const kimBoardMembers = pgTable("kim_board_members", {
  id: uuid("id").primaryKey().defaultRandom(),
  kimId: uuid("kim_id")
    .notNull()
    .references(() => kimGroups.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  position: text("position").notNull(),
});

// Every change of a KIM's status, with the day it took effect and why: the registry
// shows the history, the coverage trend counts it per year, Monev decisions add to it.
export const kimStatusSource = pgEnum("kim_status_source", ["pendaftaran", "organiser", "monev", "impor"]);

export const kimStatusHistory = pgTable(
  "kim_status_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kimId: uuid("kim_id")
      .notNull()
      .references(() => kimGroups.id, { onDelete: "cascade" }),
    status: kimStatus("status").notNull(),
    fromDate: date("from_date").notNull(),
    reason: text("reason"),
    source: kimStatusSource("source").notNull(),
    monevId: uuid("monev_id"),
    decidedBy: uuid("decided_by").references(() => users.id),
    createdAt: created(),
  },
  (t) => [index("kim_status_history_kim_idx").on(t.kimId, t.fromDate)],
);

// A KIM member's request to change the KIM's name or village; the organiser approves it.
export const kimChangeRequests = pgTable(
  "kim_change_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kimId: uuid("kim_id")
      .notNull()
      .references(() => kimGroups.id, { onDelete: "cascade" }),
    requestedBy: uuid("requested_by").references(() => users.id),
    name: text("name"),
    villageCode: text("village_code").references(() => regions.code),
    note: text("note"),
    status: text("status", { enum: ["pending", "approved", "rejected"] }).notNull().default("pending"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: at("decided_at"),
    decisionReason: text("decision_reason"),
    createdAt: created(),
  },
  (t) => [index("kim_change_requests_kim_idx").on(t.kimId, t.status)],
);

// ---------- KIM activities and Monev ----------

export const kimActivityType = pgEnum("kim_activity_type", [
  "pelatihan",
  "festival",
  "monev",
  "studi_banding",
  "rakor",
  "konten_digital",
  "pelayanan_informasi",
  "lainnya",
]);

export const kimActivities = pgTable(
  "kim_activities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kimId: uuid("kim_id")
      .notNull()
      .references(() => kimGroups.id, { onDelete: "cascade" }),
    heldOn: date("held_on").notNull(),
    type: kimActivityType("type").notNull(),
    title: text("title").notNull(),
    report: text("report"),
    links: jsonb("links").$type<string[]>().notNull().default([]),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: created(),
    updatedAt: at("updated_at"),
  },
  (t) => [index("kim_activities_kim_idx").on(t.kimId, t.heldOn)],
);

export const kimActivityPhotos = pgTable("kim_activity_photos", {
  id: uuid("id").primaryKey().defaultRandom(),
  activityId: uuid("activity_id")
    .notNull()
    .references(() => kimActivities.id, { onDelete: "cascade" }),
  storageKey: text("storage_key").notNull(),
  mime: text("mime").notNull(),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  bytes: integer("bytes").notNull(),
  // The KIM chose to keep where the photo was taken; otherwise GPS is stripped.
  keptLocation: boolean("kept_location").notNull().default(false),
  createdAt: created(),
});

export const monevStatus = pgEnum("monev_status", ["draf", "berjalan", "selesai"]);

// A yearly Monev of a region's KIMs: criteria set by the organiser, a sheet per KIM.
export const monevRounds = pgTable(
  "monev_rounds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    year: smallint("year").notNull(),
    title: text("title").notNull(),
    status: monevStatus("status").notNull().default("draf"),
    // A KIM scoring below this share of the maximum is proposed tidak aktif (the organiser decides).
    activeThreshold: numeric("active_threshold", { precision: 5, scale: 2 }).notNull().default("60"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: created(),
    closedAt: at("closed_at"),
  },
  (t) => [uniqueIndex("monev_region_year_idx").on(t.regionCode, t.year)],
);

export const monevCriteria = pgTable("monev_criteria", {
  id: uuid("id").primaryKey().defaultRandom(),
  monevId: uuid("monev_id")
    .notNull()
    .references(() => monevRounds.id, { onDelete: "cascade" }),
  position: smallint("position").notNull(),
  name: text("name").notNull(),
  description: text("description"),
  maxScore: smallint("max_score").notNull(),
  weight: numeric("weight", { precision: 5, scale: 2 }).notNull().default("1"),
});

export const monevSheets = pgTable(
  "monev_sheets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    monevId: uuid("monev_id")
      .notNull()
      .references(() => monevRounds.id, { onDelete: "cascade" }),
    kimId: uuid("kim_id")
      .notNull()
      .references(() => kimGroups.id, { onDelete: "cascade" }),
    // criterion id → score
    scores: jsonb("scores").$type<Record<string, number>>().notNull().default({}),
    notes: text("notes"),
    // Weighted share of the maximum, 0-100, once every criterion has a score.
    total: numeric("total", { precision: 5, scale: 2 }),
    decision: kimStatus("decision"),
    decisionReason: text("decision_reason"),
    assessedBy: uuid("assessed_by").references(() => users.id),
    updatedAt: at("updated_at"),
    decidedAt: at("decided_at"),
  },
  (t) => [uniqueIndex("monev_sheets_kim_idx").on(t.monevId, t.kimId)],
);

// An uploaded XLSX/CSV list of KIMs, parsed and matched, kept until the organiser confirms.
export const kimImportBatches = pgTable("kim_import_batches", {
  id: uuid("id").primaryKey().defaultRandom(),
  regionCode: text("region_code")
    .notNull()
    .references(() => regions.code),
  createdBy: uuid("created_by").references(() => users.id),
  fileName: text("file_name").notNull(),
  rows: jsonb("rows").$type<unknown[]>().notNull(),
  status: text("status", { enum: ["pratinjau", "diimpor", "dibatalkan"] }).notNull().default("pratinjau"),
  importedCount: integer("imported_count"),
  createdAt: created(),
  importedAt: at("imported_at"),
});

// ---------- accounts ----------

export const userRole = pgEnum("user_role", ["organiser", "judge", "kim"]);
export const userStatus = pgEnum("user_status", ["pending", "active", "rejected", "disabled"]);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull().unique(), // stored lower-case
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: userRole("role").notNull(),
    status: userStatus("status").notNull().default("active"),
    statusReason: text("status_reason"),
    // organiser: the province or regency they run; judge: home regency; kim: the KIM's regency.
    regionCode: text("region_code").references(() => regions.code),
    kimId: uuid("kim_id").references(() => kimGroups.id),
    phone: text("phone"),
    // The language of the mail sent to this person, and whether they want deadline reminders.
    locale: text("locale", { enum: ["id", "en"] }).notNull().default("id"),
    remindersOff: boolean("reminders_off").notNull().default(false),
    passwordChangedAt: at("password_changed_at"),
    createdAt: created(),
  },
  (t) => [
    check("users_kim_link", sql`${t.role} <> 'kim' or ${t.kimId} is not null or ${t.status} <> 'active'`),
    check("users_region", sql`${t.role} = 'kim' or ${t.regionCode} is not null`),
  ],
);

export const registrationStatus = pgEnum("registration_status", ["pending", "approved", "rejected"]);

export const kimRegistrations = pgTable("kim_registrations", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id")
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: "cascade" }),
  kimName: text("kim_name").notNull(),
  villageCode: text("village_code")
    .notNull()
    .references(() => regions.code),
  regencyCode: text("regency_code")
    .notNull()
    .references(() => regions.code),
  existingKimId: uuid("existing_kim_id").references(() => kimGroups.id),
  position: text("position").notNull(),
  status: registrationStatus("status").notNull().default("pending"),
  reason: text("reason"),
  decidedBy: uuid("decided_by").references(() => users.id),
  decidedAt: at("decided_at"),
  createdAt: created(),
});

export const passwordResetTokens = pgTable("password_reset_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  // "reset": a forgotten password; "setup": the first password of an account made by
  // `npm run admin -- create-organiser` (same mechanism, a longer life, other words on the page).
  purpose: text("purpose").notNull().default("reset"),
  expiresAt: at("expires_at").notNull(),
  usedAt: at("used_at"),
  createdAt: created(),
});

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    succeeded: boolean("succeeded").notNull(),
    at: at("at").notNull().defaultNow(),
  },
  (t) => [index("login_attempts_email_idx").on(t.email, t.at), index("login_attempts_ip_idx").on(t.ip, t.at)],
);

// One row per sign-in: the session cookie (a next-auth JWT) names its row, and every
// request that reads or renews a session checks it (lib/auth/session.ts). Ending the row
// ends every copy of that cookie: signing out ends one, a password change, a reset or a
// disabled account ends all of the user's. `expires_at` is fixed at sign-in, so renewing
// the cookie never extends a session (docs/decisions/0018).
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: created(),
    expiresAt: at("expires_at").notNull(),
    endedAt: at("ended_at"),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId)],
);

// Requests limited per client address or account other than sign-ins (password reset
// requests, registrations per address and per email): one row per request, counted over a window (lib/auth/request-limit.ts).
export const requestLimitHits = pgTable(
  "request_limit_hits",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(),
    key: text("key").notNull(),
    at: at("at").notNull().defaultNow(),
  },
  (t) => [index("request_limit_hits_key_idx").on(t.kind, t.key, t.at)],
);

// ---------- festival editions ----------

export const editionLevel = pgEnum("edition_level", ["kabupaten", "provinsi"]);
export const editionStatus = pgEnum("edition_status", [
  "draf",
  "pendaftaran",
  "penjurian",
  "disegel",
  "diumumkan",
]);

/**
 * Rules a submission is checked against; stored as JSON so an edition can set its own.
 * Read them through `editionRules()` (lib/editions/defaults.ts), which fills what older
 * rows lack.
 */
export type EditionRules = {
  maxDurationSeconds: number;
  minHeight: number;
  containers: string[];
  videoCodecs: string[];
  maxFileBytes: number;
  filmsPerKim: number;
  uploadGraceMinutes: number;
  /**
   * Which films need a subtitle file before the entry is complete: none, films whose
   * language is not Bahasa Indonesia, or every film.
   */
  subtitles: "opsional" | "bahasa_daerah" | "semua";
  /** Which KIMs of the edition's region may enter: active ones only, or every registered one. */
  eligibleKims: "aktif" | "semua";
  /** Bytes the edition's media may take in storage (videos, judges' copies, posters, subtitles); absent: no budget. */
  storageBudgetBytes?: number;
  text?: string;
  /** Legacy (before subtitles): true meant "bahasa_daerah". */
  requireIndonesianSubtitles?: boolean;
};

/** Read through `editionSettings()` (lib/editions/defaults.ts). */
export type EditionSettings = {
  rankingMethod: "mean" | "zscore";
  judgesPerFilm: number;
  assignmentMode: "k" | "all";
  screeningRound: boolean;
  showJuryCommentsToKim: boolean;
  showOtherJudgesScores: boolean;
  /** The default for every category; a category may set its own (categories.juara/harapan). */
  placements: { juara: number; harapan: number };
  /** Rubric criterion ids, in the order they break a tie on the total. */
  tieBreak?: string[];
};

/**
 * How a provincial edition takes its films (issue 15, docs/decisions/0035): direct entries
 * from KIMs, nominations sent up by the regencies' organisers from their published
 * editions, or both. `quotaKind` "peringkat": each regency may send films placed within the
 * top `quotaPerRegency` of its published ranking; "pilihan": any published film it names,
 * up to `quotaPerRegency`. Null (older rows, regency editions) means direct entries only.
 */
export type EditionIntake = {
  mode: "langsung" | "nominasi" | "keduanya";
  quotaKind: "peringkat" | "pilihan";
  quotaPerRegency: number;
};

/** What the printed documents say about who signs them; the logo is a stored file. */
export type EditionDocuments = {
  signatoryName?: string;
  signatoryPosition?: string;
  signatoryNip?: string;
  beritaAcaraNumber?: string;
  logoKey?: string;
  logoMimeType?: string;
};

export const editions = pgTable(
  "editions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    // Null when the source does not say which year (the archive must not invent one).
    year: smallint("year"),
    periodNote: text("period_note"),
    level: editionLevel("level").notNull(),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    theme: text("theme"),
    description: text("description"),
    rules: jsonb("rules").$type<EditionRules>(),
    settings: jsonb("settings").$type<EditionSettings>(),
    documents: jsonb("documents").$type<EditionDocuments>(),
    intake: jsonb("intake").$type<EditionIntake>(),
    submissionOpensAt: at("submission_opens_at"),
    submissionClosesAt: at("submission_closes_at"),
    judgingClosesAt: at("judging_closes_at"),
    announceAt: at("announce_at"),
    status: editionStatus("status").notNull().default("draf"),
    sealedAt: at("sealed_at"),
    sealedBy: uuid("sealed_by").references(() => users.id),
    publishedAt: at("published_at"),
    scheduledPublishAt: at("scheduled_publish_at"),
    isSample: boolean("is_sample").notNull().default(false),
    // Archived records of past competitions entered from a source, not run on Layar.
    isHistorical: boolean("is_historical").notNull().default(false),
    sourceNote: text("source_note"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: created(),
  },
  (t) => [index("editions_region_idx").on(t.regionCode)],
);

export const categories = pgTable("categories", {
  id: uuid("id").primaryKey().defaultRandom(),
  editionId: uuid("edition_id")
    .notNull()
    .references(() => editions.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  description: text("description"),
  position: smallint("position").notNull().default(0),
  // Placements in this category; null takes the edition's (settings.placements).
  juara: smallint("juara"),
  harapan: smallint("harapan"),
});

export const rubricCriteria = pgTable(
  "rubric_criteria",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    editionId: uuid("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description"),
    weight: numeric("weight", { mode: "number" }).notNull(),
    minScore: numeric("min_score", { mode: "number" }).notNull(),
    maxScore: numeric("max_score", { mode: "number" }).notNull(),
    position: smallint("position").notNull().default(0),
  },
  (t) => [
    check("rubric_range", sql`${t.minScore} < ${t.maxScore} and ${t.maxScore} > 0`),
    check("rubric_weight", sql`${t.weight} > 0`),
  ],
);

// ---------- films and their media ----------

export const filmStatus = pgEnum("film_status", [
  "draf",
  "diunggah",
  "diperiksa",
  "ditolak_sistem",
  "lolos_kurasi",
  "tidak_lolos_kurasi",
  "dinilai",
  "juara",
  "ditarik",
  // The organiser disqualified the entry (the KIM reads statusReason at once).
  "didiskualifikasi",
  // Left out of the ranking by the organiser at results time, with a recorded reason.
  "dikecualikan",
]);

export type CrewMember = { name: string; role: string };

export const films = pgTable(
  "films",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    editionId: uuid("edition_id")
      .notNull()
      .references(() => editions.id),
    kimId: uuid("kim_id")
      .notNull()
      .references(() => kimGroups.id),
    categoryId: uuid("category_id").references(() => categories.id),
    // Neutral code shown to judges instead of anything that names the KIM.
    code: text("code").notNull(),
    title: text("title").notNull(),
    synopsis: text("synopsis"),
    language: text("language"),
    declaredDurationSeconds: integer("declared_duration_seconds"),
    crew: jsonb("crew").$type<CrewMember[]>().notNull().default([]),
    originalityDeclared: boolean("originality_declared").notNull().default(false),
    publicationConsent: boolean("publication_consent").notNull().default(false),
    status: filmStatus("status").notNull().default("draf"),
    statusReason: text("status_reason"),
    isSample: boolean("is_sample").notNull().default(false),
    submittedAt: at("submitted_at"),
    // A film nominated up from a regency edition (issue 15): the regency's film it was copied
    // from. Its media rows point at the same stored files (never uploaded again).
    promotedFromFilmId: uuid("promoted_from_film_id").references((): AnyPgColumn => films.id),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: created(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("films_edition_code_idx").on(t.editionId, t.code),
    index("films_kim_idx").on(t.kimId),
    index("films_edition_idx").on(t.editionId),
    index("films_title_search_idx").using("gin", sql`to_tsvector('simple', ${t.title})`),
  ],
);

export const mediaKind = pgEnum("media_kind", ["video", "poster", "subtitle", "judge_video"]);
export const mediaStatus = pgEnum("media_status", ["uploading", "received", "checking", "ok", "rejected"]);

export type VideoProbe = {
  container: string;
  videoCodec: string;
  audioCodec?: string;
  width: number;
  height: number;
  durationSeconds: number;
};

export const filmMedia = pgTable(
  "film_media",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    filmId: uuid("film_id")
      .notNull()
      .references(() => films.id, { onDelete: "cascade" }),
    kind: mediaKind("kind").notNull(),
    storageDriver: text("storage_driver").notNull(),
    storageKey: text("storage_key").notNull(),
    uploadId: text("upload_id"),
    originalName: text("original_name"),
    mimeType: text("mime_type"),
    sizeBytes: numeric("size_bytes", { mode: "number" }),
    sha256: text("sha256"),
    probe: jsonb("probe").$type<VideoProbe>(),
    status: mediaStatus("status").notNull().default("uploading"),
    problems: jsonb("problems").$type<string[]>().notNull().default([]),
    isCurrent: boolean("is_current").notNull().default(true),
    createdAt: created(),
  },
  (t) => [index("film_media_film_idx").on(t.filmId, t.kind), uniqueIndex("film_media_upload_idx").on(t.uploadId)],
);

// Adaptive streaming (docs/decisions/0026): the HLS renditions made from a judges' copy (the
// stripped video), one row per copy, its files under `renditions/{mediaId}/` in storage.
export const renditionStatus = pgEnum("rendition_status", ["antre", "diproses", "siap", "gagal"]);

export type RenditionVariant = {
  height: number;
  width: number;
  /** Peak bits per second of any segment (the master playlist's BANDWIDTH). */
  bandwidth: number;
  averageBandwidth: number;
  codecs: string;
  /** Bytes of all its segments. */
  bytes: number;
};

export const filmRenditions = pgTable(
  "film_renditions",
  {
    mediaId: uuid("media_id")
      .primaryKey()
      .references(() => filmMedia.id, { onDelete: "cascade" }),
    filmId: uuid("film_id")
      .notNull()
      .references(() => films.id, { onDelete: "cascade" }),
    status: renditionStatus("status").notNull().default("antre"),
    variants: jsonb("variants").$type<RenditionVariant[]>().notNull().default([]),
    /** The 360p MP4 ("versi ringan") and its size. */
    lightKey: text("light_key"),
    lightBytes: numeric("light_bytes", { mode: "number" }),
    /** Every stored file, so replaced renditions can be removed without listing storage. */
    keys: jsonb("keys").$type<string[]>().notNull().default([]),
    /** SHA-256 of the judges' copy: the same copy again (a re-upload, the demo's sample clips) reuses the files. */
    sourceSha256: text("source_sha256"),
    error: text("error"),
    createdAt: created(),
    updatedAt: at("updated_at"),
  },
  (t) => [index("film_renditions_film_idx").on(t.filmId), index("film_renditions_source_idx").on(t.sourceSha256)],
);

// ---------- judging ----------

export const editionJudges = pgTable(
  "edition_judges",
  {
    editionId: uuid("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    categories: jsonb("categories").$type<string[]>(),
    cap: integer("cap"),
    joinedAt: created(),
    leftAt: at("left_at"),
  },
  (t) => [primaryKey({ columns: [t.editionId, t.userId] })],
);

export const judgeInvitations = pgTable("judge_invitations", {
  tokenHash: text("token_hash").primaryKey(),
  editionId: uuid("edition_id").references(() => editions.id, { onDelete: "cascade" }),
  email: text("email").notNull(),
  name: text("name").notNull(),
  regencyCode: text("regency_code")
    .notNull()
    .references(() => regions.code),
  createdBy: uuid("created_by")
    .notNull()
    .references(() => users.id),
  expiresAt: at("expires_at").notNull(),
  acceptedAt: at("accepted_at"),
  acceptedUserId: uuid("accepted_user_id").references(() => users.id),
  revokedAt: at("revoked_at"),
  createdAt: created(),
});

/** A province or regency organiser invites organisers inside its region (lib/auth/invite-organiser.ts). */
export const organiserInvitations = pgTable("organiser_invitations", {
  tokenHash: text("token_hash").primaryKey(),
  email: text("email").notNull(),
  name: text("name").notNull(),
  phone: text("phone"),
  regionCode: text("region_code")
    .notNull()
    .references(() => regions.code),
  createdBy: uuid("created_by")
    .notNull()
    .references(() => users.id),
  expiresAt: at("expires_at").notNull(),
  acceptedAt: at("accepted_at"),
  acceptedUserId: uuid("accepted_user_id").references(() => users.id),
  revokedAt: at("revoked_at"),
  createdAt: created(),
});

export const roundKind = pgEnum("round_kind", ["kurasi", "penilaian", "final"]);

export const judgingRounds = pgTable(
  "judging_rounds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    editionId: uuid("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    kind: roundKind("kind").notNull(),
    opensAt: at("opens_at"),
    closesAt: at("closes_at"),
    closedAt: at("closed_at"),
    shortlistSize: integer("shortlist_size"),
    confirmedAt: at("confirmed_at"),
  },
  (t) => [uniqueIndex("rounds_edition_kind_idx").on(t.editionId, t.kind)],
);

// The nominees of a final round: the films the scoring round ranked within the
// shortlist size (ties at the boundary all go through), with the rank and score they came with.
export const roundShortlist = pgTable(
  "round_shortlist",
  {
    roundId: uuid("round_id")
      .notNull()
      .references(() => judgingRounds.id, { onDelete: "cascade" }),
    filmId: uuid("film_id")
      .notNull()
      .references(() => films.id),
    rank: integer("rank").notNull(),
    score: numeric("score", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.filmId] })],
);

export const judgeAssignments = pgTable(
  "judge_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => judgingRounds.id, { onDelete: "cascade" }),
    filmId: uuid("film_id")
      .notNull()
      .references(() => films.id),
    judgeId: uuid("judge_id")
      .notNull()
      .references(() => users.id),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: created(),
    removedAt: at("removed_at"),
    removedReason: text("removed_reason"),
  },
  (t) => [
    index("assignments_judge_idx").on(t.judgeId, t.roundId),
    index("assignments_film_idx").on(t.filmId),
    uniqueIndex("assignments_active_idx")
      .on(t.roundId, t.filmId, t.judgeId)
      .where(sql`${t.removedAt} is null`),
  ],
);

export const conflictDeclarations = pgTable(
  "conflict_declarations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    filmId: uuid("film_id")
      .notNull()
      .references(() => films.id),
    judgeId: uuid("judge_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull(),
    // Null when the judge declared it; the organiser's id when the organiser entered it.
    declaredBy: uuid("declared_by").references(() => users.id),
    createdAt: created(),
  },
  (t) => [uniqueIndex("conflicts_pair_idx").on(t.filmId, t.judgeId)],
);

export const screeningDecisions = pgTable("screening_decisions", {
  filmId: uuid("film_id")
    .primaryKey()
    .references(() => films.id, { onDelete: "cascade" }),
  eligible: boolean("eligible").notNull(),
  reason: text("reason"),
  decidedBy: uuid("decided_by")
    .notNull()
    .references(() => users.id),
  decidedAt: at("decided_at").notNull().defaultNow(),
});

export const sheetStatus = pgEnum("sheet_status", ["draft", "submitted"]);

export const scoreSheets = pgTable("score_sheets", {
  id: uuid("id").primaryKey().defaultRandom(),
  assignmentId: uuid("assignment_id")
    .notNull()
    .unique()
    .references(() => judgeAssignments.id),
  status: sheetStatus("status").notNull().default("draft"),
  overallComment: text("overall_comment"),
  submittedAt: at("submitted_at"),
  unlockedAt: at("unlocked_at"),
  unlockedBy: uuid("unlocked_by").references(() => users.id),
  unlockReason: text("unlock_reason"),
  updatedAt: at("updated_at").notNull().defaultNow(),
  // The last stored draft's sender: the score sheet open in one browser tab (a random id)
  // and its save counter. A save from the same tab with a lower count arrived late and is
  // not stored (lib/judging/score-sheet.ts, saveDraft).
  draftWriter: text("draft_writer"),
  draftSeq: integer("draft_seq"),
});

export const scores = pgTable(
  "scores",
  {
    sheetId: uuid("sheet_id")
      .notNull()
      .references(() => scoreSheets.id, { onDelete: "cascade" }),
    criterionId: uuid("criterion_id")
      .notNull()
      .references(() => rubricCriteria.id),
    score: numeric("score", { mode: "number" }),
    comment: text("comment"),
  },
  (t) => [primaryKey({ columns: [t.sheetId, t.criterionId] })],
);

// ---------- results ----------

export const placementName = pgEnum("placement_name", [
  "Juara I",
  "Juara II",
  "Juara III",
  "Juara Harapan I",
  "Juara Harapan II",
  "Juara Harapan III",
]);

export const placements = pgTable(
  "placements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    editionId: uuid("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    categoryId: uuid("category_id").references(() => categories.id),
    // Null when the source names the award but not the film (e.g. KIM Tunas Harapan, 2024).
    filmId: uuid("film_id").references(() => films.id),
    kimId: uuid("kim_id")
      .notNull()
      .references(() => kimGroups.id),
    placement: placementName("placement").notNull(),
    rank: integer("rank"),
    score: numeric("score", { mode: "number" }),
    certificateCode: text("certificate_code").unique(),
    note: text("note"),
    createdAt: created(),
  },
  (t) => [index("placements_edition_idx").on(t.editionId), index("placements_kim_idx").on(t.kimId), index("placements_film_idx").on(t.filmId)],
);

export const specialAwards = pgTable(
  "special_awards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    editionId: uuid("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    filmId: uuid("film_id")
      .notNull()
      .references(() => films.id),
    name: text("name").notNull(),
    note: text("note"),
    certificateCode: text("certificate_code").unique(),
    createdAt: created(),
  },
  // One award of a name per edition (a double click cannot give "Film Favorit" twice).
  (t) => [uniqueIndex("special_awards_edition_name_idx").on(t.editionId, sql`lower(${t.name})`)],
);

/**
 * A jury's recorded decision on films the ranking left tied: their order and why. Applied
 * by rankFilms (decisions); revoked rows stay for the record.
 */
export const juryDecisions = pgTable(
  "jury_decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    editionId: uuid("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    roundId: uuid("round_id")
      .notNull()
      .references(() => judgingRounds.id, { onDelete: "cascade" }),
    filmIds: jsonb("film_ids").$type<string[]>().notNull(),
    order: jsonb("order").$type<string[]>().notNull(),
    reason: text("reason").notNull(),
    // Who decided, as the minutes name them (e.g. "Dewan juri: A, B, C").
    decidedBy: text("decided_by").notNull(),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    createdAt: created(),
    revokedAt: at("revoked_at"),
    revokedBy: uuid("revoked_by").references(() => users.id),
    revokeReason: text("revoke_reason"),
  },
  (t) => [index("jury_decisions_edition_idx").on(t.editionId)],
);

/** A later entry deadline for one KIM (a whole edition's extension moves editions.submission_closes_at). */
export const deadlineExtensions = pgTable(
  "deadline_extensions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    editionId: uuid("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    kimId: uuid("kim_id")
      .notNull()
      .references(() => kimGroups.id),
    closesAt: at("closes_at").notNull(),
    reason: text("reason").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: created(),
  },
  (t) => [uniqueIndex("deadline_extensions_kim_idx").on(t.editionId, t.kimId)],
);

export const certificateKind = pgEnum("certificate_kind", ["peserta", "juri"]);

/**
 * Participation certificates (piagam peserta, one per ranked film) and judges'
 * certificates, issued when results are sealed, verifiable once they are published.
 * Placements and special awards keep their own codes.
 */
export const certificates = pgTable(
  "certificates",
  {
    code: text("code").primaryKey(),
    editionId: uuid("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    kind: certificateKind("kind").notNull(),
    filmId: uuid("film_id").references(() => films.id),
    kimId: uuid("kim_id").references(() => kimGroups.id),
    userId: uuid("user_id").references(() => users.id),
    createdAt: created(),
  },
  (t) => [
    index("certificates_edition_idx").on(t.editionId),
    check("certificates_holder", sql`(${t.kind} = 'peserta' and ${t.filmId} is not null and ${t.kimId} is not null) or (${t.kind} = 'juri' and ${t.userId} is not null)`),
  ],
);

// ---------- messages (mail through the job queue; WhatsApp as click-to-chat links) ----------

// An organiser's own text for one kind of message and language; the default text is in lib/messages/.
export const messageTemplates = pgTable(
  "message_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    key: text("key").notNull(),
    locale: text("locale", { enum: ["id", "en"] }).notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("message_templates_key_idx").on(t.regionCode, t.key, t.locale)],
);

export const messageStatus = pgEnum("message_status", ["antre", "terkirim", "gagal"]);

// Every message Layar sends, rendered when queued: what was sent to whom, once.
// `dedupeKey` names the event and recipient, so queueing the same event again adds nothing.
export const outgoingMessages = pgTable(
  "outgoing_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dedupeKey: text("dedupe_key").notNull().unique(),
    kind: text("kind").notNull(),
    regionCode: text("region_code"),
    editionId: uuid("edition_id"),
    recipientUserId: uuid("recipient_user_id").references(() => users.id, { onDelete: "set null" }),
    recipientKimId: uuid("recipient_kim_id"),
    toName: text("to_name"),
    toEmail: text("to_email"),
    toPhone: text("to_phone"),
    locale: text("locale", { enum: ["id", "en"] }).notNull().default("id"),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    status: messageStatus("status").notNull().default("antre"),
    attempts: smallint("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: created(),
    sentAt: at("sent_at"),
  },
  (t) => [index("outgoing_messages_region_idx").on(t.regionCode, t.createdAt), index("outgoing_messages_status_idx").on(t.status)],
);

// ---------- from regency to province (issue 15, docs/decisions/0035) ----------

/**
 * menunggu_kim: the regency's organiser named the film, its KIM has not answered the link;
 * dikonfirmasi: the KIM agreed and the film was copied into the provincial edition
 * (`promoted_film_id`); ditolak_kim: the KIM declined; dikembalikan: the province returned it
 * with a reason (the copy is withdrawn); dibatalkan: the regency withdrew it before an answer.
 */
export const nominationStatus = pgEnum("nomination_status", [
  "menunggu_kim",
  "dikonfirmasi",
  "ditolak_kim",
  "dikembalikan",
  "dibatalkan",
]);

export const filmNominations = pgTable(
  "film_nominations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sourceFilmId: uuid("source_film_id")
      .notNull()
      .references(() => films.id),
    sourceEditionId: uuid("source_edition_id")
      .notNull()
      .references(() => editions.id),
    targetEditionId: uuid("target_edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    kimId: uuid("kim_id")
      .notNull()
      .references(() => kimGroups.id),
    /** The nominating regency (the source edition's region). */
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    /** The film's placement in the regency's published result when nominated (e.g. "Juara II"), null if none. */
    sourcePlacement: placementName("source_placement"),
    sourceRank: integer("source_rank"),
    status: nominationStatus("status").notNull().default("menunggu_kim"),
    /** SHA-256 of the KIM's confirmation link token; the link works until the provincial entry deadline. */
    tokenHash: text("token_hash").notNull(),
    promotedFilmId: uuid("promoted_film_id").references(() => films.id),
    /** The KIM's reason for declining, or the province's for returning. */
    reason: text("reason"),
    nominatedBy: uuid("nominated_by").references(() => users.id),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: at("decided_at"),
    createdAt: created(),
  },
  (t) => [
    index("film_nominations_target_idx").on(t.targetEditionId, t.regionCode),
    uniqueIndex("film_nominations_token_idx").on(t.tokenHash),
    // A film is nominated into an edition once while the nomination stands.
    uniqueIndex("film_nominations_live_idx")
      .on(t.sourceFilmId, t.targetEditionId)
      .where(sql`status in ('menunggu_kim', 'dikonfirmasi')`),
  ],
);

// ---------- the public's favourite (issue 15, docs/decisions/0036) ----------

/** The organiser's nominee phase: these films become public and a voting window opens. */
export const favoritPhases = pgTable("favorit_phases", {
  editionId: uuid("edition_id")
    .primaryKey()
    .references(() => editions.id, { onDelete: "cascade" }),
  opensAt: at("opens_at").notNull(),
  closesAt: at("closes_at").notNull(),
  /** Set when the result became the special award "Film Terfavorit" (once). */
  awardedAt: at("awarded_at"),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: created(),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

export const favoritNominees = pgTable(
  "favorit_nominees",
  {
    editionId: uuid("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    filmId: uuid("film_id")
      .notNull()
      .references(() => films.id, { onDelete: "cascade" }),
    /** The vote is per category: a person has one vote in each. Null: the edition has no categories. */
    categoryId: uuid("category_id").references(() => categories.id),
    position: smallint("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.editionId, t.filmId] })],
);

/**
 * A 6-digit code sent to an email address (or a phone, where a gateway is configured).
 * Only hashes are kept: the address's (normalised) and the code's.
 */
export const favoritCodes = pgTable(
  "favorit_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    editionId: uuid("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    channel: text("channel").notNull(), // "email" | "phone"
    identityHash: text("identity_hash").notNull(),
    codeHash: text("code_hash").notNull(),
    expiresAt: at("expires_at").notNull(),
    attempts: smallint("attempts").notNull().default(0),
    usedAt: at("used_at"),
    network: text("network"),
    createdAt: created(),
  },
  (t) => [index("favorit_codes_identity_idx").on(t.editionId, t.identityHash, t.createdAt)],
);

/**
 * One vote per person per category: unique on (edition, category key, voter). The voter is
 * the hash of a verified address; the email domain and the network (/24 or /48) are kept for
 * the fraud report. A voided vote stays (with who voided it and why) and is not counted.
 */
export const favoritVotes = pgTable(
  "favorit_votes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    editionId: uuid("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    /** The category's id, or "" when the edition has none. */
    categoryKey: text("category_key").notNull(),
    filmId: uuid("film_id")
      .notNull()
      .references(() => films.id, { onDelete: "cascade" }),
    voterHash: text("voter_hash").notNull(),
    channel: text("channel").notNull(),
    emailDomain: text("email_domain"),
    network: text("network"),
    votedAt: at("voted_at").notNull().defaultNow(),
    voidedAt: at("voided_at"),
    voidedBy: uuid("voided_by").references(() => users.id),
    voidReason: text("void_reason"),
  },
  (t) => [
    uniqueIndex("favorit_votes_one_idx").on(t.editionId, t.categoryKey, t.voterHash),
    index("favorit_votes_film_idx").on(t.editionId, t.filmId),
    index("favorit_votes_time_idx").on(t.editionId, t.votedAt),
  ],
);

// ---------- sharing (issue 15, docs/decisions/0037) ----------

/** Views of the embeddable player per film and WIB day: counts only, no cookie, no address. */
export const filmEmbedViews = pgTable(
  "film_embed_views",
  {
    filmId: uuid("film_id")
      .notNull()
      .references(() => films.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    views: integer("views").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.filmId, t.day] })],
);

// ---------- audit (append-only: a trigger in the migrations refuses UPDATE and DELETE) ----------

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: at("at").notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => users.id),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    // The edition an entry concerns, when it concerns one (the audit viewer filters on it).
    editionId: uuid("edition_id"),
    data: jsonb("data").$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_entity_idx").on(t.entityType, t.entityId), index("audit_edition_idx").on(t.editionId, t.at), index("audit_actor_idx").on(t.actorId, t.at)],
);
