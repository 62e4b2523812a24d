import type { DbLike } from "@/lib/db/client";
import { createRegionTree } from "@/lib/seed/factories";

/** The handful of real regions most tests need, instead of the 91,599-row import. */
export async function createTestRegions(db: DbLike): Promise<void> {
  await createRegionTree(db, [
    { code: "33", name: "Jawa Tengah" },
    { code: "33.13", name: "Kabupaten Karanganyar" },
    { code: "33.13.08", name: "Karangpandan" },
    { code: "33.13.08.2001", name: "Karangpandan" },
    { code: "33.13.11", name: "Jaten" },
    { code: "33.13.11.2004", name: "Dagen" },
    { code: "33.12", name: "Kabupaten Wonogiri" },
    { code: "33.12.01", name: "Pracimantoro" },
    { code: "33.12.01.2001", name: "Gedong" },
    { code: "33.72", name: "Kota Surakarta" },
    { code: "34", name: "DI Yogyakarta" },
    { code: "34.04", name: "Kabupaten Sleman" },
  ]);
}
