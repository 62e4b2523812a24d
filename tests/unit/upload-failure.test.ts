import { describe, expect, it } from "vitest";
import { serverRefusal, uploadProblem, type UploadProblem } from "@/components/films/upload-failure";
import en from "@/messages/en.json";
import id from "@/messages/id.json";

// Defect: tus protocol errors reached a KIM in English ("Upload failed: Upload-Offset conflict",
// or tus-js-client's "tus: failed to upload chunk at offset …"). The uploader words every
// status itself, and shows the server's text only when it is one of Layar's refusals.

const response = (status: number, body: string, headers: Record<string, string> = { "Tus-Resumable": "1.0.0" }) => ({
  getStatus: () => status,
  getBody: () => body,
  getHeader: (name: string) => headers[name] ?? headers[name.toLowerCase()],
});

describe("uploadProblem", () => {
  it("has a kind for every status and for no response", () => {
    const kinds = Object.fromEntries([undefined, 400, 401, 403, 404, 408, 409, 410, 412, 413, 415, 423, 429, 460, 500, 502, 503, 504].map((s) => [String(s), uploadProblem(s, true)]));
    expect(kinds).toEqual({
      undefined: "network", 400: "rejected", 401: "session", 403: "refused", 404: "gone", 408: "busy", 409: "conflict", 410: "gone", 412: "conflict",
      413: "tooLarge", 415: "notVideo", 423: "busy", 429: "busy", 460: "conflict", 500: "server", 502: "server", 503: "server", 504: "server",
    });
    expect(uploadProblem(undefined, false)).toBe("offline");
  });

  it("has a text for every kind in Indonesian and in English", () => {
    const kinds: UploadProblem[] = ["offline", "network", "session", "refused", "gone", "conflict", "tooLarge", "notVideo", "busy", "server", "rejected"];
    for (const kind of kinds) {
      const indonesian = (id.uploader.problem as Record<string, string>)[kind];
      const english = (en.uploader.problem as Record<string, string>)[kind];
      expect(indonesian, kind).toMatch(/\p{L}+ \p{L}+/u);
      expect(english, kind).toMatch(/\p{L}+ \p{L}+/u);
      expect(indonesian).not.toBe(english);
    }
  });
});

describe("serverRefusal", () => {
  it("takes Layar's own refusal from the tus endpoint", () => {
    expect(serverRefusal(response(403, "Batas waktu menyelesaikan unggahan sudah lewat."))).toBe("Batas waktu menyelesaikan unggahan sudah lewat.");
  });
  it("ignores an empty body (tus's protocol errors come without text), a proxy's page, and a missing response", () => {
    expect(serverRefusal(response(409, ""))).toBeNull();
    expect(serverRefusal(response(413, "<html><body><h1>413 Request Entity Too Large</h1></body></html>"))).toBeNull();
    expect(serverRefusal(response(502, "Bad Gateway", {}))).toBeNull();
    expect(serverRefusal(undefined)).toBeNull();
  });
});
