import { createTranslator } from "next-intl";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { listRssItems, renderRss } from "@/lib/public/feeds";
import { placementKey } from "@/lib/public/placements";
import { sharedRead } from "@/lib/public/shared-read";
import publik from "@/messages/id/publik.json";

export const dynamic = "force-dynamic";

/** GET /rss.xml: one item per festival whose results are public, in Indonesian (one shared, cacheable feed). */
export async function GET(): Promise<Response> {
  const baseUrl = env().publicUrl;
  const t = createTranslator({ locale: "id", messages: { publik }, namespace: "publik" });
  const db = getDb();
  // One feed for every reader: read and written once per shared-read period, not per poll.
  const xml = await sharedRead(db, "rss", async () => {
    const items = await listRssItems(db, baseUrl, {
      itemTitle: (edition) => t("rss.item", { edition }),
      winnerLine: (w) =>
        t("rss.line", { placement: t(`placement.${placementKey(w.placement)}` as "placement.juara1"), film: w.filmTitle ?? t("winner.titleUnknown"), kim: w.kimName, regency: w.regencyName }),
    });
    return renderRss({ title: t("rss.title"), link: `${baseUrl}/arsip`, description: t("rss.description"), selfUrl: `${baseUrl}/rss.xml`, language: "id" }, items);
  });
  return new Response(xml, { headers: { "Content-Type": "application/rss+xml; charset=utf-8", "Cache-Control": "public, max-age=300, stale-while-revalidate=600" } });
}
