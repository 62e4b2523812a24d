import { describe, expect, test } from "vitest";
import { testKimPrefix, url } from "./helpers";

// The public JSON API, over HTTP against the running server.
describe("public API", () => {
  test("GET /api/health answers ok", async () => {
    const response = await fetch(url("/api/health"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: "pglite" });
  });

  test("GET /api/v1/kim?regency=33.13 counts Karanganyar's 33 KIMs: 24 active, 9 inactive", async () => {
    const response = await fetch(url("/api/v1/kim?regency=33.13"));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { total: number; active: number; inactive: number; kims: { name: string; status: string }[] };
    // Files that approve a registration or add a KIM in the registry add one here (always
    // named with testKimPrefix; the registry's may be marked tidak aktif); what remains must be
    // exactly the seeded registry.
    const added = body.kims.filter((k) => k.name.startsWith(testKimPrefix));
    const addedActive = added.filter((k) => k.status === "aktif").length;
    expect({ total: body.total - added.length, active: body.active - addedActive, inactive: body.inactive - (added.length - addedActive) }).toEqual({ total: 33, active: 24, inactive: 9 });
    expect(body.kims).toHaveLength(body.total);
    expect(body.kims.filter((k) => k.status === "aktif")).toHaveLength(body.active);
  });

  test("GET /api/v1/regions/33.13 lists its 17 kecamatan", async () => {
    const response = await fetch(url("/api/v1/regions/33.13"));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { children: { code: string }[] };
    expect(body.children).toHaveLength(17);
    for (const child of body.children) expect(child.code).toMatch(/^33\.13\.\d{2}$/);
  });

  test("GET /api/v1/regions/99.99 is a 404 with a JSON error", async () => {
    const response = await fetch(url("/api/v1/regions/99.99"));
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    const body = (await response.json()) as { error?: unknown };
    expect(typeof body.error).toBe("string");
    expect(String(body.error).length).toBeGreaterThan(0);
  });

  test("GET /api/v1/kim?regency=xyz is a 422 with a message and no stack trace", async () => {
    const response = await fetch(url("/api/v1/kim?regency=xyz"));
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    const text = await response.text();
    const body = JSON.parse(text) as { error?: unknown; fieldErrors?: Record<string, string[]> };
    expect(typeof body.error).toBe("string");
    expect(body.fieldErrors?.regency?.[0]).toMatch(/kode wilayah/);
    // No internals: no stack frames, file paths or exception class names.
    expect(text).not.toMatch(/\bat .+:\d+:\d+|node_modules|\.ts:\d+|ZodError|stack/i);
  });
});
