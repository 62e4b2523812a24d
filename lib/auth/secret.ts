import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env, type Env } from "@/lib/env";

// Per environment: a test that swaps the environment (resetEnvForTests) gets its own data directory's secret.
let cached: { for: Env; secret: string } | undefined;

/**
 * The JWT signing secret: NEXTAUTH_SECRET when set (required with several app
 * instances), otherwise one generated once and kept in the data directory so the
 * embedded single-machine setup needs no hand-made file.
 */
export function authSecret(): string {
  const current = env();
  if (cached?.for !== current) cached = { for: current, secret: readSecret(current) };
  return cached.secret;
}

function readSecret({ NEXTAUTH_SECRET, dataDir }: Env): string {
  if (NEXTAUTH_SECRET) return NEXTAUTH_SECRET;
  const file = path.join(dataDir, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim(); // another process won the race
    }
  }
}
