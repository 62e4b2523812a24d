import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sendDraft, type SaveOrder, type SaveResult } from "@/components/judging/send-draft";
import { readLocal, type InputValues } from "@/components/judging/sheet-values";
import { Autosaver, retryDelayMs, type SaveStatus } from "@/components/judging/use-autosave";

// The score sheet's autosave client: a save the server failed (or that got no answer) is
// tried again with growing pauses and the latest values, the judge is told, and the values
// stay on the device until the server has them. A refusal is not repeated.

const sheet = "11111111-2222-4333-8444-555555555555";
const v = (score: string): InputValues => ({ c1: { score, comment: `komentar ${score}` } });

function storage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, value: string) => void items.set(k, value),
    removeItem: (k: string) => void items.delete(k),
  };
}

/** An Autosaver whose server answers from `answers` in turn (then "saved"); records what it was sent. */
function setup(answers: (SaveResult | Error)[]) {
  const sent: { values: InputValues; order: SaveOrder }[] = [];
  const statuses: SaveStatus[] = [];
  const fieldErrors: Record<string, string[]>[] = [];
  const save = vi.fn(async (values: InputValues, order: SaveOrder): Promise<SaveResult> => {
    sent.push({ values, order });
    const answer = answers.shift() ?? { kind: "saved", at: "2026-12-06T02:00:00.000Z" };
    if (answer instanceof Error) throw answer;
    return answer;
  });
  // random() = 0.5: the back-off without its random stretch (2 s, 4 s, 8 s, ...).
  const saver = new Autosaver(sheet, save, (s) => statuses.push(s), (e) => fieldErrors.push(e), 800, () => 0.5);
  return { saver, save, sent, statuses, fieldErrors, last: () => statuses[statuses.length - 1] };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal("localStorage", storage());
  vi.stubGlobal("navigator", { onLine: true });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("a save the server failed", () => {
  it("is sent again after 2 s, then 4 s, until stored, and the judge sees each state", async () => {
    const { saver, save, sent, last } = setup([{ kind: "failed" }, { kind: "failed" }]);
    saver.change(v("70"));
    expect(last()).toEqual({ kind: "pending" });
    await vi.advanceTimersByTimeAsync(800);
    expect(save).toHaveBeenCalledTimes(1);
    expect(last()).toEqual({ kind: "retrying", seconds: 2 });
    // The values are still on the device while the server does not have them.
    expect(readLocal(sheet)?.values).toEqual(v("70"));

    await vi.advanceTimersByTimeAsync(1999);
    expect(save).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(2);
    expect(last()).toEqual({ kind: "retrying", seconds: 4 });

    await vi.advanceTimersByTimeAsync(4000);
    expect(save).toHaveBeenCalledTimes(3);
    expect(last()).toEqual({ kind: "saved", at: "2026-12-06T02:00:00.000Z" });
    expect(readLocal(sheet)).toBeNull();
    // The same values each time, from one tab, each attempt later in its order than the one before.
    expect(sent.map((s) => s.values)).toEqual([v("70"), v("70"), v("70")]);
    expect(new Set(sent.map((s) => s.order.writer)).size).toBe(1);
    expect(sent.map((s) => s.order.seq)).toEqual([1, 2, 3]);

    await vi.advanceTimersByTimeAsync(120_000);
    expect(save).toHaveBeenCalledTimes(3);
  });

  it("goes again with what the judge typed meanwhile, and typing does not hurry it", async () => {
    const { saver, save, sent, last } = setup([{ kind: "failed" }]);
    saver.change(v("70"));
    await vi.advanceTimersByTimeAsync(800);
    expect(last()).toEqual({ kind: "retrying", seconds: 2 });
    await vi.advanceTimersByTimeAsync(500);
    saver.change(v("71"));
    await vi.advanceTimersByTimeAsync(800);
    saver.change(v("72"));
    expect(save).toHaveBeenCalledTimes(1);
    expect(last()).toEqual({ kind: "retrying", seconds: 2 });
    expect(readLocal(sheet)?.values).toEqual(v("72"));
    await vi.advanceTimersByTimeAsync(700);
    expect(save).toHaveBeenCalledTimes(2);
    expect(sent[1].values).toEqual(v("72"));
    expect(last()).toMatchObject({ kind: "saved" });
    expect(readLocal(sheet)).toBeNull();
  });

  it("waits longer after each failure, at most about 30 s", async () => {
    const { saver, save } = setup(Array.from({ length: 8 }, () => ({ kind: "failed" as const })));
    saver.change(v("70"));
    await vi.advanceTimersByTimeAsync(800);
    const waits = [2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000];
    for (const [i, wait] of waits.entries()) {
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(save).toHaveBeenCalledTimes(i + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(save).toHaveBeenCalledTimes(i + 2);
    }
  });

  it("a request that got no answer is tried again too; offline, the browser's return sends it at once", async () => {
    vi.stubGlobal("navigator", { onLine: false });
    const { saver, save, last } = setup([new TypeError("Failed to fetch")]);
    saver.change(v("70"));
    await vi.advanceTimersByTimeAsync(800);
    expect(last()).toEqual({ kind: "offline" });
    vi.stubGlobal("navigator", { onLine: true });
    saver.retry();
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(2);
    expect(last()).toMatchObject({ kind: "saved" });
  });
});

describe("submitting while a retry waits", () => {
  it("stops the drafts; if the submission does not go through, the unsaved values go again", async () => {
    const { saver, save, sent } = setup([{ kind: "failed" }]);
    saver.change(v("70"));
    await vi.advanceTimersByTimeAsync(800);
    saver.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(save).toHaveBeenCalledTimes(1);
    saver.resume();
    await vi.advanceTimersByTimeAsync(800);
    expect(save).toHaveBeenCalledTimes(2);
    expect(sent[1].values).toEqual(v("70"));
  });
});

describe("a refused save", () => {
  it("is not sent again until the judge changes something", async () => {
    const fieldErrors = { c1: ["Nilai Tema harus antara 50 dan 100."] };
    const { saver, save, last, fieldErrors: shown } = setup([{ kind: "refused", message: "Ada nilai di luar rentang.", fieldErrors }]);
    saver.change(v("150"));
    await vi.advanceTimersByTimeAsync(800);
    expect(last()).toEqual({ kind: "refused", message: "Ada nilai di luar rentang." });
    expect(shown.at(-1)).toEqual(fieldErrors);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(save).toHaveBeenCalledTimes(1);
    saver.change(v("95"));
    await vi.advanceTimersByTimeAsync(800);
    expect(save).toHaveBeenCalledTimes(2);
    expect(last()).toMatchObject({ kind: "saved" });
  });
});

describe("retryDelayMs", () => {
  it("doubles from 2 s to a 30 s ceiling, each wait stretched by at most a quarter", () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((n) => retryDelayMs(n, () => 0.5))).toEqual([2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(retryDelayMs(1, () => 0)).toBe(1500);
    expect(retryDelayMs(1, () => 0.999999)).toBe(2500);
    expect(retryDelayMs(9, () => 0.999999)).toBe(37500);
  });
});

describe("sendDraft: what an answer means", () => {
  const order = { writer: "abc", seq: 4 };
  const answer = (status: number, body: unknown) => vi.fn(async () => new Response(typeof body === "string" ? body : JSON.stringify(body), { status })) as unknown as typeof fetch;

  it("sends the values with the tab's id and count, as JSON", async () => {
    const send = answer(200, { ok: true, savedAt: "2026-12-06T02:00:00.000Z" });
    expect(await sendDraft(sheet, { c1: { score: 70, comment: "x" } }, order, send)).toEqual({ kind: "saved", at: "2026-12-06T02:00:00.000Z" });
    const [url, init] = (send as unknown as { mock: { calls: [string, RequestInit][] } }).mock.calls[0];
    expect(url).toBe(`/api/juri/lembar/${sheet}`);
    expect(init.method).toBe("PUT");
    expect(JSON.parse(init.body as string)).toEqual({ values: { c1: { score: 70, comment: "x" } }, writer: "abc", seq: 4 });
  });

  it("a stale answer counts as saved (a newer save of this tab is there)", async () => {
    expect(await sendDraft(sheet, {}, order, answer(200, { ok: true, stale: true, savedAt: "2026-12-06T02:00:00.000Z" }))).toMatchObject({ kind: "saved" });
  });

  it("server errors, a busy server, a proxy's HTML page and no answer at all are tried again", async () => {
    for (const send of [answer(500, { error: "Terjadi kesalahan di server. Silakan coba lagi." }), answer(503, "<html>Bad gateway</html>"), answer(502, ""), answer(429, {}), answer(200, "<html></html>")]) {
      expect(await sendDraft(sheet, {}, order, send)).toEqual({ kind: "failed" });
    }
    const throws = vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))) as unknown as typeof fetch;
    expect(await sendDraft(sheet, {}, order, throws)).toEqual({ kind: "failed" });
  });

  it("refusals carry the server's message and the criteria to fix", async () => {
    expect(await sendDraft(sheet, {}, order, answer(422, { error: "Ada nilai di luar rentang.", fieldErrors: { c1: ["Terlalu tinggi."] } }))).toEqual({ kind: "refused", message: "Ada nilai di luar rentang.", fieldErrors: { c1: ["Terlalu tinggi."] } });
    expect(await sendDraft(sheet, {}, order, answer(401, { error: "Silakan masuk terlebih dahulu." }))).toEqual({ kind: "refused", message: "Silakan masuk terlebih dahulu.", fieldErrors: {} });
    expect(await sendDraft(sheet, {}, order, answer(409, { error: "Lembar nilai ini sudah dikirim dan terkunci." }))).toMatchObject({ kind: "refused" });
  });
});
