import type { MetadataRoute } from "next";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/admin", "/juri", "/kim/film", "/akun", "/api/films", "/api/upload", "/undangan", "/atur-ulang-sandi"] }],
    sitemap: `${env().publicUrl}/sitemap.xml`,
  };
}
