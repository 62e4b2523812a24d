import type { Browser, BrowserContext, Response as PageResponse } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { addSessionCookies, browserAvailable, expectNoPageErrors, httpSignIn, launchBrowser, newContext } from "./helpers";
import {
  catalogueTexts,
  get,
  judgeEmail,
  judgeQueueOf,
  judgeViewport,
  judgingEditionSlug,
  kimDirectory,
  originNames,
  provinceOrganiserEmail,
  submissionsOf,
  textOf,
  withFlight,
  type QueueItem,
  type Submission,
} from "./judging-helpers";

// Judging is blind: nothing a judge can fetch for a film may name the KIM that
// made it, its village, district or regency. The names are learned from the
// organiser's list (code -> KIM, regency) and the public KIM directory (village,
// district); then every page, payload, media file and action answer the judge
// can reach is searched for them.

type Target = { item: QueueItem; film: Submission; names: string[] };
type Body = { source: string; text: string };

let judgeCookie: string;
let slug: string;
let targets: Target[];
/** Texts the same for every film (interface catalogue, the judge's own edition titles) are not evidence. */
let neutral: string[];

/** A leak report: which names appear in which response, with a little context. */
function leaks(bodies: Body[], names: string[]): string[] {
  const found: string[] = [];
  for (const { source, text } of bodies) {
    let scrubbed = text;
    for (const t of neutral) if (names.some((n) => t.includes(n))) scrubbed = scrubbed.split(t).join("");
    for (const name of names) {
      const at = scrubbed.indexOf(name);
      if (at >= 0) found.push(`${source}: "${name}" in …${scrubbed.slice(Math.max(0, at - 80), at + name.length + 80).replace(/\s+/g, " ")}…`);
    }
  }
  return found;
}

const allNames = () => [...new Set(targets.flatMap((t) => t.names))];

async function bodyOf(source: string, response: Response): Promise<Body> {
  const headers = [...response.headers].map(([k, v]) => `${k}: ${v}`).join("\n");
  const bytes = Buffer.from(await response.arrayBuffer());
  return { source: `${source} (${response.status})`, text: `${headers}\n${bytes.toString("latin1")}\n${withFlight(bytes.toString("utf8"))}` };
}

/** GET with the judge's cookies, following redirects by hand so the cookies go along. */
async function fetchAsJudge(pathname: string, headers: Record<string, string> = {}): Promise<Response> {
  let response = await get(pathname, judgeCookie, headers);
  for (let hops = 0; hops < 3 && response.status >= 300 && response.status < 400; hops++) {
    const location = new URL(response.headers.get("location") ?? "/", "http://x");
    response = await get(location.pathname + location.search, judgeCookie, headers);
  }
  return response;
}

beforeAll(async () => {
  const judge = await httpSignIn(judgeEmail);
  const organiser = await httpSignIn(provinceOrganiserEmail);
  expect(judge.ok && organiser.ok).toBe(true);
  judgeCookie = judge.cookie;
  slug = await judgingEditionSlug(judgeCookie);
  const queue = await judgeQueueOf(judgeCookie, slug);
  expect(queue.length).toBe(9); // six sample films and Karanganyar's three nominated winners (lib/seed/seed-nomination-demo.ts)
  const submissions = await submissionsOf(organiser.cookie, slug);
  const directory = [...(await kimDirectory("33.13")), ...(await kimDirectory("33.12"))];
  targets = queue.map((item) => {
    const film = submissions.find((s) => s.code === item.code);
    expect(film, `${item.code} is not on the organiser's list`).toBeDefined();
    const kim = directory.find((k) => k.name === film!.kimName);
    expect(kim, `${film!.kimName} is not in the KIM directory`).toBeDefined();
    expect(kim!.regencyName).toBe(film!.regencyName);
    return { item, film: film!, names: originNames(kim!) };
  });
  // The judge from Surakarta scores films from both regencies.
  expect(new Set(targets.map((t) => t.film.regencyName))).toEqual(new Set(["Kabupaten Karanganyar", "Kabupaten Wonogiri"]));
  const dashboard = await (await get("/juri", judgeCookie)).text();
  const editionTitles = [...dashboard.matchAll(/<a [^>]*href="\/juri\/[a-z0-9-]+"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => textOf(m[1]));
  neutral = [...catalogueTexts(), ...editionTitles].sort((a, b) => b.length - a.length);
});

describe("the judge's pages and payloads", () => {
  test("the names being searched for are real (the organiser sees them)", async () => {
    const organiser = await httpSignIn(provinceOrganiserEmail);
    const html = textOf(await (await get(`/admin/festival/${slug}/film`, organiser.cookie)).text());
    for (const t of targets) expect(html).toContain(t.film.kimName);
    for (const t of targets) expect(t.names.length).toBeGreaterThanOrEqual(5);
  });

  test("/juri, the queue and every score sheet, as HTML and as RSC payload, name no KIM or region of the films", async () => {
    const bodies: Body[] = [];
    bodies.push(await bodyOf("/juri", await fetchAsJudge("/juri")));
    bodies.push(await bodyOf(`/juri/${slug}`, await fetchAsJudge(`/juri/${slug}`)));
    bodies.push(await bodyOf(`/juri/${slug} RSC`, await fetchAsJudge(`/juri/${slug}`, { RSC: "1" })));
    for (const { item } of targets) {
      const sheet = `/juri/nilai/${item.assignmentId}`;
      const html = await fetchAsJudge(sheet);
      expect(html.status).toBe(200);
      const body = await bodyOf(sheet, html);
      expect(body.text, "the sheet page really is the film's sheet").toContain(`Lembar nilai ${item.code}`);
      bodies.push(body);
      const rsc = await fetchAsJudge(sheet, { RSC: "1" });
      expect(rsc.status).toBe(200);
      expect(rsc.headers.get("content-type")).toMatch(/text\/x-component/);
      const payload = await bodyOf(`${sheet} RSC`, rsc);
      expect(payload.text).toContain(item.code);
      bodies.push(payload);
    }
    expect(leaks(bodies, allNames())).toEqual([]);
  });

  test("the poster and subtitles a judge can fetch name no KIM or region", async () => {
    const bodies: Body[] = [];
    for (const { film } of targets) {
      const poster = await fetchAsJudge(`/api/films/${film.filmId}/poster`);
      expect(poster.status, "the judge may see the poster of an assigned film").toBe(200);
      bodies.push(await bodyOf(`poster ${film.code}`, poster));
      bodies.push(await bodyOf(`subtitles ${film.code}`, await fetchAsJudge(`/api/films/${film.filmId}/subtitles`)));
    }
    expect(leaks(bodies, allNames())).toEqual([]);
  });

  test("the video a judge can fetch (the judges' copy) names no KIM or region, in its bytes or headers", async () => {
    const bodies: Body[] = [];
    for (const { film } of targets) {
      const video = await fetchAsJudge(`/api/films/${film.filmId}/video`);
      expect(video.status, `the judge cannot play ${film.code}: /api/films/${film.filmId}/video answers ${video.status} (no judges' copy), so its bytes cannot be checked`).toBe(200);
      expect(video.headers.get("content-type")).toBe("video/mp4");
      bodies.push(await bodyOf(`video ${film.code}`, video));
    }
    expect(leaks(bodies, allNames())).toEqual([]);
  });
});

describe.skipIf(!browserAvailable)("in the browser, with autosave", () => {
  let browser: Browser;
  let context: BrowserContext;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  test("every response the browser receives, autosave answers included, names no KIM or region", async () => {
    context = await newContext(browser, { viewport: judgeViewport });
    await addSessionCookies(context, await httpSignIn(judgeEmail));
    const page = await context.newPage();
    const responses: PageResponse[] = [];
    const bodies: Promise<Body | null>[] = [];
    // Chromium does not keep streamed bodies (pages, RSC payloads, server action
    // answers) for Playwright to read afterwards, so documents and fetches pass
    // through here and are read on their way (unchanged) to the page.
    const record = (source: string, headers: Record<string, string>, body: Buffer) => {
      const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join("\n");
      bodies.push(Promise.resolve({ source, text: `${head}\n${body.toString("latin1")}\n${withFlight(body.toString("utf8"))}` }));
    };
    await page.route("**/*", async (route) => {
      const request = route.request();
      if (!["document", "fetch"].includes(request.resourceType())) return route.continue();
      const response = await route.fetch({ maxRedirects: 0 });
      const body = await response.body();
      const kind = request.headers()["next-action"] ? " (server action)" : request.headers()["rsc"] ? " (RSC)" : "";
      record(`${request.method()} ${new URL(request.url()).pathname}${kind} (${response.status()})`, response.headers(), body);
      await route.fulfill({ response, body });
    });
    page.on("response", (r) => {
      responses.push(r);
      if (["document", "fetch"].includes(r.request().resourceType())) return; // read in the route above
      // Scripts, styles, images, media: read as they arrive (an aborted media request has no body).
      bodies.push(
        r
          .body()
          .then((buffer) => ({ source: `${r.request().method()} ${new URL(r.url()).pathname} (${r.status()})`, buffer }))
          .then(({ source, buffer }) => ({ source, text: `${Object.entries(r.headers()).map(([k, v]) => `${k}: ${v}`).join("\n")}\n${buffer.toString("latin1")}` }))
          .catch(() => null),
      );
    });

    // A sheet not yet submitted (the draft in the demo, else any open one), driven through the real autosave.
    const target = targets.find((t) => t.item.state === "draf") ?? targets.find((t) => t.item.state !== "terkirim");
    expect(target, "no open sheet left to drive the autosave").toBeDefined();
    await page.goto("/juri");
    await page.goto(`/juri/${slug}`);
    await page.goto(`/juri/nilai/${target!.item.assignmentId}`, { waitUntil: "networkidle" });
    const comment = page.locator("[data-criterion] textarea").first();
    await comment.fill(`Komentar uji buta ${Date.now()}`);
    await expect.poll(() => page.getByTestId("save-status").textContent(), { timeout: 15_000 }).toMatch(/^Tersimpan pukul/);
    await page.locator('[data-criterion] input[type="number"]').first().fill("150");
    await expect.poll(() => page.getByTestId("criterion-error").count(), { timeout: 15_000 }).toBe(1);
    await page.locator('[data-criterion] input[type="number"]').first().fill("77");
    await expect.poll(() => page.getByTestId("save-status").textContent(), { timeout: 15_000 }).toMatch(/^Tersimpan pukul/);
    // Client-side navigation fetches RSC payloads too.
    await page.getByRole("link", { name: /Daftar film/ }).click();
    await page.waitForURL(`**/juri/${slug}`);
    await page.waitForLoadState("networkidle");

    // The autosave's own route (PUT /api/juri/lembar/{id}, lib/judging/draft-route.ts).
    const draftRequest = /^PUT \/api\/juri\/lembar\/[0-9a-f-]{36} /;
    const draftAnswers = responses.filter((r) => r.request().method() === "PUT" && new URL(r.url()).pathname.startsWith("/api/juri/lembar/"));
    expect(draftAnswers.length, "the autosave called its route").toBeGreaterThanOrEqual(3);
    const read = (await Promise.all(bodies)).filter((b): b is Body => b !== null);
    const answers = read.filter((b) => draftRequest.test(b.source));
    expect(answers.length, "the autosave's answers were read").toBe(draftAnswers.length);
    const sources = read.map((b) => b.source);
    expect(sources, "the sheet's HTML was read").toContainEqual(expect.stringMatching(/^GET \/juri\/nilai\/[0-9a-f-]{36} \(200\)$/));
    expect(sources, "the queue's HTML was read").toContain(`GET /juri/${slug} (200)`);
    expect(sources, "the queue's RSC payload (client navigation) was read").toContain(`GET /juri/${slug} (RSC) (200)`);
    expect(answers.some((b) => b.text.includes("harus antara 50 dan 100")), `an autosave answer with a field error was captured:\n${answers.map((b) => b.text.slice(-400)).join("\n---\n")}`).toBe(true);
    expect(leaks(read, allNames())).toEqual([]);
    expectNoPageErrors(context);
  });
});
