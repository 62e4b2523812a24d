import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvForTests } from "@/lib/env";
import { createStorage, storageDriverName, uploadThingEnabled } from "@/lib/storage";
import { uploadThingCustomId } from "@/lib/storage/uploadthing";
import { GET, POST } from "@/app/api/uploadthing/route";

const token = Buffer.from(JSON.stringify({ apiKey: "sk_test_0123456789", appId: "layarunit", regions: ["sea1"] })).toString("base64");
const saved = { token: process.env.UPLOADTHING_TOKEN, driver: process.env.STORAGE_DRIVER };

function setEnv(values: { UPLOADTHING_TOKEN?: string; STORAGE_DRIVER?: string }) {
  for (const name of ["UPLOADTHING_TOKEN", "STORAGE_DRIVER"] as const) {
    if (values[name] === undefined) delete process.env[name];
    else process.env[name] = values[name];
  }
  resetEnvForTests();
}

afterEach(() => setEnv({ UPLOADTHING_TOKEN: saved.token, STORAGE_DRIVER: saved.driver }));

describe("UploadThing driver selection", () => {
  it("is off without UPLOADTHING_TOKEN: local disk, and /api/uploadthing answers 404", async () => {
    setEnv({});
    expect(storageDriverName()).toBe("local");
    expect(uploadThingEnabled()).toBe(false);
    expect((await createStorage()).name).toBe("local");
    expect((await GET(new Request("http://layar.test/api/uploadthing"))).status).toBe(404);
    const upload = await POST(new Request("http://layar.test/api/uploadthing?actionType=upload&slug=filmVideo", { method: "POST", body: "{}" }));
    expect(upload.status).toBe(404);
  });

  it("is selected by the token when STORAGE_DRIVER is unset", async () => {
    setEnv({ UPLOADTHING_TOKEN: token });
    expect(storageDriverName()).toBe("uploadthing");
    expect(uploadThingEnabled()).toBe(true);
    expect(env().uploadthing).toEqual({ apiKey: "sk_test_0123456789", appId: "layarunit", regions: ["sea1"] });
    expect((await createStorage()).name).toBe("uploadthing");
  });

  it("stays off when STORAGE_DRIVER names another driver, token or not", async () => {
    setEnv({ UPLOADTHING_TOKEN: token, STORAGE_DRIVER: "local" });
    expect(uploadThingEnabled()).toBe(false);
    expect((await createStorage()).name).toBe("local");
    expect((await GET(new Request("http://layar.test/api/uploadthing"))).status).toBe(404);
  });

  it("refuses STORAGE_DRIVER=uploadthing without a token, and a token that is not UploadThing's", () => {
    setEnv({ STORAGE_DRIVER: "uploadthing" });
    expect(() => env()).toThrow("UPLOADTHING_TOKEN: wajib diisi bila STORAGE_DRIVER=uploadthing");
    setEnv({ UPLOADTHING_TOKEN: Buffer.from(JSON.stringify({ apiKey: "not-a-secret", appId: "x", regions: [] })).toString("base64") });
    expect(() => env()).toThrow("UPLOADTHING_TOKEN: bukan token UploadThing");
    setEnv({ UPLOADTHING_TOKEN: "plain text" });
    expect(() => env()).toThrow("UPLOADTHING_TOKEN: bukan token UploadThing");
  });
});

describe("uploadThingCustomId", () => {
  it("is stable, distinct per key, short and free of path separators", () => {
    const keys = ["uploads/0b5b1f0e-7d0b-4a53-9d4c-0d5b0c7f4c11", "films/0b5b1f0e-7d0b-4a53-9d4c-0d5b0c7f4c11/judge-1.mp4", "films/a/poster-b.webp"];
    const ids = keys.map(uploadThingCustomId);
    expect(ids).toEqual(keys.map(uploadThingCustomId));
    expect(new Set(ids).size).toBe(keys.length);
    for (const id of ids) expect(id).toMatch(/^layar-[0-9a-f]{40}$/);
  });
});
