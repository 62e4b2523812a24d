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
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(20),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  // Reverse proxies in front of the app that append to X-Forwarded-For (nginx, Caddy: 1).
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  // Media storage: local disk (default) or any S3-compatible store.
  STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  // Partial uploads are kept at least this long before clean-up.
  UPLOAD_EXPIRY_HOURS: z.coerce.number().min(24).default(48),
});

export type Env = z.infer<typeof schema> & { dataDir: string; publicUrl: string };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Pengaturan lingkungan tidak valid:\n${lines.join("\n")}`);
  }
  const values = parsed.data;
  if (values.STORAGE_DRIVER === "s3" && !values.S3_BUCKET) throw new Error("Pengaturan lingkungan tidak valid:\n  S3_BUCKET: wajib diisi bila STORAGE_DRIVER=s3");
  cached = {
    ...values,
    dataDir: path.resolve(values.LAYAR_DATA_DIR),
    publicUrl: (values.PUBLIC_URL ?? values.NEXTAUTH_URL ?? `http://localhost:${values.PORT}`).replace(/\/$/, ""),
  };
  return cached;
}

/** Tests change settings between cases; production never calls this. */
export function resetEnvForTests(): void {
  cached = undefined;
}
