import { z } from "zod";
import { jsonRoute, publicCache } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { listKims } from "@/lib/kim/list-kims";

export const dynamic = "force-dynamic";

const query = z.object({
  regency: z.string().regex(/^\d{2}(\.\d{2}(\.\d{2})?)?$/, "Parameter regency harus kode wilayah, mis. 33.13 (kabupaten), 33 (provinsi) atau 33.13.08 (kecamatan)."),
  status: z.enum(["aktif", "tidak_aktif"]).optional(),
});

/** The KIM directory of a region: GET /api/v1/kim?regency=33.13[&status=aktif] */
export const GET = jsonRoute(async (request: Request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const { regency, status } = query.parse(params);
  const all = await listKims(getDb(), regency);
  const kims = status ? all.filter((k) => k.status === status) : all;
  const active = all.filter((k) => k.status === "aktif").length;
  return Response.json(
    { region: regency, total: all.length, active, inactive: all.length - active, kims },
    { headers: publicCache },
  );
});
