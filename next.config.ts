import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const config: NextConfig = {
  // Native and WASM packages stay outside the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg", "nodemailer"],
  poweredByHeader: false,
  // forbidden() answers 403 from pages that refuse a role (app/forbidden.tsx).
  experimental: { authInterrupts: true },
};

export default withNextIntl(config);
