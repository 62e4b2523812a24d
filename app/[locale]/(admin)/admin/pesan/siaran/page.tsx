import crypto from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { BroadcastForm } from "@/components/messages/broadcast-form";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { broadcastEditions } from "@/lib/messages/admin";
import { regionName } from "@/lib/regions/region-name";

export const metadata: Metadata = { title: "Siaran ke KIM" };
export const dynamic = "force-dynamic";

/** An organiser's broadcast to every KIM of the region or of an edition: preview (count and first message), then send once. */
export default async function BroadcastPage() {
  const actor = await requirePageActor(["organiser"], "/admin/pesan/siaran");
  const db = getDb();
  const [editions, region, t] = await Promise.all([broadcastEditions(db, actor), regionName(db, actor.regionCode), getTranslations("messaging.broadcast")]);
  // Each showing of the form gets its own token: what it sends is keyed by it (sent once).
  const token = crypto.randomUUID();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageTitle title={t("title")} subtitle={t("subtitle", { region })} />
      <p className="-mt-4 text-sm">
        <Link href="/admin/pesan">{t("back")}</Link>
      </p>
      <BroadcastForm token={token} editions={editions} />
    </div>
  );
}
