import path from "node:path";
import { z } from "zod";

// The one place that reads process.env. Parsed lazily so `next build` does not
// need runtime settings, and once so every module sees the same values.
const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LAYAR_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL harus berupa URL postgres://")
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.url().optional(),
  PUBLIC_URL: z.url().optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "SMTP_URL harus berupa smtp:// atau smtps://").optional(),
  MAIL_FROM: z.string().default("Layar <noreply@layar.local>"),
  // The favorit vote's phone channel (SMS or WhatsApp): a gateway taking POST {to, text}. Unset: email only.
  FAVORIT_SMS_GATEWAY_URL: z.url().optional(),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(20),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  // Reverse proxies in front of the app that append to X-Forwarded-For (nginx, Caddy: 1).
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  // Media storage: local disk (default), any S3-compatible store, or UploadThing.
  // Unset: UploadThing when UPLOADTHING_TOKEN is set, else local disk.
  STORAGE_DRIVER: z.enum(["local", "s3", "uploadthing"]).optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  // UploadThing (optional driver): the token from its dashboard, base64 of
  // {"apiKey":"sk_...","appId":"...","regions":["..."]}.
  UPLOADTHING_TOKEN: z.string().min(1).optional(),
  // Background jobs (video checks; as many HLS rendition encodes) this process runs at once. 0: none here, only with DATABASE_URL,
  // where `npm run worker` processes (any machine, same database and storage) run them.
  JOB_WORKERS: z.coerce.number().int().min(0).max(16).default(1),
  // Threads of one rendition encode (ffmpeg/x264; lib/jobs/renditions.ts). 1 lets two workers on
  // two cores each have one; more helps when a machine runs a single worker.
  RENDITION_THREADS: z.coerce.number().int().min(1).max(16).default(1),
  // Partial uploads are kept at least this long before clean-up.
  UPLOAD_EXPIRY_HOURS: z.coerce.number().min(24).default(48),
  // Local disk: a new upload is refused when it (and its judges' copy) would leave less free
  // space than this under the data directory (docs/decisions/0022).
  UPLOAD_DISK_MARGIN_MB: z.coerce.number().int().min(0).default(1024),
});

const uploadThingToken = z.object({
  apiKey: z.string().startsWith("sk_"),
  appId: z.string().min(1),
  regions: z.array(z.string().min(1)).min(1),
  ingestHost: z.string().optional(),
});
export type UploadThingToken = z.infer<typeof uploadThingToken>;

/** The token's contents, or undefined when it is not base64 of the JSON UploadThing issues. */
export function parseUploadThingToken(token: string): UploadThingToken | undefined {
  try {
    const parsed = uploadThingToken.safeParse(JSON.parse(Buffer.from(token, "base64").toString("utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export type StorageDriverName = "local" | "s3" | "uploadthing";
export type Env = Omit<z.infer<typeof schema>, "STORAGE_DRIVER"> & {
  STORAGE_DRIVER: StorageDriverName;
  dataDir: string;
  publicUrl: string;
  /** Set only when UPLOADTHING_TOKEN is. */
  uploadthing?: UploadThingToken;
};

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Pengaturan lingkungan tidak valid:\n${lines.join("\n")}`);
  }
  const values = parsed.data;
  const driver = values.STORAGE_DRIVER ?? (values.UPLOADTHING_TOKEN ? "uploadthing" : "local");
  if (driver === "s3" && !values.S3_BUCKET) throw new Error("Pengaturan lingkungan tidak valid:\n  S3_BUCKET: wajib diisi bila STORAGE_DRIVER=s3");
  const uploadthing = values.UPLOADTHING_TOKEN ? parseUploadThingToken(values.UPLOADTHING_TOKEN) : undefined;
  if (values.UPLOADTHING_TOKEN && !uploadthing) {
    throw new Error("Pengaturan lingkungan tidak valid:\n  UPLOADTHING_TOKEN: bukan token UploadThing (base64 dari JSON berisi apiKey, appId, regions)");
  }
  if (values.JOB_WORKERS === 0 && !values.DATABASE_URL) {
    throw new Error("Pengaturan lingkungan tidak valid:\n  JOB_WORKERS: 0 hanya bisa bersama DATABASE_URL; basis data bawaan (PGlite) hanya dapat diperiksa oleh aplikasi itu sendiri");
  }
  if (driver === "uploadthing" && !uploadthing) throw new Error("Pengaturan lingkungan tidak valid:\n  UPLOADTHING_TOKEN: wajib diisi bila STORAGE_DRIVER=uploadthing");
  cached = {
    ...values,
    STORAGE_DRIVER: driver,
    uploadthing,
    dataDir: path.resolve(values.LAYAR_DATA_DIR),
    publicUrl: (values.PUBLIC_URL ?? values.NEXTAUTH_URL ?? `http://localhost:${values.PORT}`).replace(/\/$/, ""),
  };
  return cached;
}

/** Tests change settings between cases; production never calls this. */
export function resetEnvForTests(): void {
  cached = undefined;
}
