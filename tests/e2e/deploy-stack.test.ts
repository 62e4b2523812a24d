import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startS3 } from "@/tests/setup/s3";
import { serverArgs, serverEnv } from "@/scripts/lib/server-flags";
import { browserAvailable, launchBrowser, newContext, signIn } from "./helpers";
import { makeLargeVideo, sha256, type GeneratedVideo } from "./upload-helpers";
import { freePort } from "@/scripts/lib/free-port";

// docs/deploy.md, run as written on this machine: nginx (Debian's package) with
// deploy/nginx-layar.conf in front of two server.mjs instances and one `npm run worker`,
// on a new database of the PostgreSQL server and an S3 store on loopback. A KIM signs in
// and uploads a film through nginx; the per-address sign-in limit counts the real client
// address nginx appended, not one the client wrote, and not nginx's own.
//
// Needs the PostgreSQL server (DEPLOY_DATABASE_URL, which `npm test` sets from
// TEST_DATABASE_URL) and nginx (`.ci/run` installs it).

const root = process.cwd();
const nginxBin = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p));
const serverUrl = process.env.DEPLOY_DATABASE_URL;
const tsx = path.join(root, "node_modules/.bin/tsx");
const ipLimit = 4;


/** One request from a chosen loopback address (127.0.0.x), as a client on another machine. */
function request(
  base: string,
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; from?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(pathname, base), { method: options.method ?? "GET", headers: options.headers, localAddress: options.from }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

/** Signs in over HTTP through nginx from one address: the error next-auth answered (null when signed in) and the cookies. */
async function signInFrom(base: string, from: string, email: string, password: string, spoofedForwardedFor?: string): Promise<{ error: string | null; cookie: string }> {
  const csrf = await request(base, "/api/auth/csrf", { from });
  const cookie = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie };
  if (spoofedForwardedFor) headers["X-Forwarded-For"] = spoofedForwardedFor;
  const answer = await request(base, "/api/auth/callback/credentials", {
    method: "POST",
    from,
    headers,
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
  });
  const url = (JSON.parse(answer.body || "{}") as { url?: string }).url;
  const cookies = [cookie, ...(answer.headers["set-cookie"] ?? []).map((c) => c.split(";")[0])].join("; ");
  const signedIn = cookies.includes("next-auth.session-token=");
  return { error: url ? new URL(url, base).searchParams.get("error") ?? (signedIn ? null : "no session") : `HTTP ${answer.status}`, cookie: cookies };
}

describe.skipIf(!browserAvailable || !nginxBin || !serverUrl)("the deployment recipe: nginx, two instances, a worker, PostgreSQL and S3", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "layar-deploy-"));
  const database = `layar_deploy_${Date.now().toString(36)}`;
  const processes: ChildProcess[] = [];
  let base = "";
  let ports: number[] = [];
  let databaseUrl = "";
  let env: Record<string, string | undefined> = {};
  let stopS3: (() => Promise<void>) | undefined;
  let browser: Browser;
  let video: GeneratedVideo;

  const logOf = (name: string) => path.join(work, `${name}.log`);
  const startProcess = (name: string, args: string[], extra: Record<string, string> = {}) => {
    const log = fs.openSync(logOf(name), "a");
    const child = spawn(args[0], args.slice(1), { cwd: root, env: { ...env, ...extra } as NodeJS.ProcessEnv, stdio: ["ignore", log, log] });
    processes.push(child);
    process.once("exit", () => child.kill("SIGKILL"));
    return child;
  };
  const waitFor = async (what: string, ok: () => Promise<boolean>) => {
    for (let i = 0; i < 240; i++) {
      if (await ok().catch(() => false)) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`${what} did not come up; logs in ${work}`);
  };

  beforeAll(async () => {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    const url = new URL(serverUrl!);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();

    const s3 = await startS3(path.join(work, "s3"));
    stopS3 = s3.stop;
    const [app1, app2, front] = await Promise.all([freePort(), freePort(), freePort()]);
    base = `http://localhost:${front}`;
    ports = [app1, app2];
    // deploy/layar.env.example, filled in for this machine.
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: "deploy-test-secret-the-same-on-every-instance",
      PUBLIC_URL: base,
      NEXTAUTH_URL: base,
      TRUSTED_PROXY_HOPS: "1",
      LAYAR_DATA_DIR: path.join(work, "data"),
      STORAGE_DRIVER: "s3",
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: "layar",
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_FORCE_PATH_STYLE: "true",
      LOGIN_MAX_FAILURES_PER_IP: String(ipLimit),
    };

    // `npm run db:seed`: migrations, regions and the demo accounts, into the S3 store. Not
    // spawnSync: the S3 store answers from this process, which must stay free to do so.
    const seed = startProcess("seed", [tsx, "scripts/seed.ts"], { NODE_ENV: "development" });
    const seeded = await new Promise<number | null>((resolve) => seed.once("exit", resolve));
    expect(seeded, fs.readFileSync(logOf("seed"), "utf8")).toBe(0);

    for (const [name, port] of [["app1", app1], ["app2", app2]] as const) {
      startProcess(name, [process.execPath, ...serverArgs(root, port)], { ...serverEnv, PORT: String(port), HOSTNAME: "127.0.0.1" });
    }
    if (fs.existsSync(path.join(root, "scripts/worker.ts"))) startProcess("worker", [tsx, "scripts/worker.ts"]);

    // deploy/nginx-layar.conf as an operator installs it, with this run's ports, inside a
    // minimal nginx.conf (Debian's wraps sites the same way: http { include sites-enabled/*; }).
    const site = fs
      .readFileSync(path.join(root, "deploy/nginx-layar.conf"), "utf8")
      .replace("server 127.0.0.1:3001", `server 127.0.0.1:${app1}`)
      .replace("server 127.0.0.1:3002", `server 127.0.0.1:${app2}`)
      .replace(/listen \[::\]:80;\n/, "")
      .replace("listen 80;", `listen 127.0.0.1:${front};`);
    fs.writeFileSync(path.join(work, "site.conf"), site);
    for (const dir of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) fs.mkdirSync(path.join(work, "nginx", dir), { recursive: true });
    fs.writeFileSync(
      path.join(work, "nginx.conf"),
      [
        "daemon off;",
        "worker_processes 1;",
        `pid ${work}/nginx.pid;`,
        `error_log ${work}/nginx-error.log warn;`,
        "events { worker_connections 512; }",
        "http {",
        // Which instance answered each request, for the test to see both at work.
        `  log_format layar '$remote_addr "$request" $status $upstream_addr';`,
        `  access_log ${work}/nginx-access.log layar;`,
        ...["body", "proxy", "fastcgi", "uwsgi", "scgi"].map((d) => `  ${d === "body" ? "client_body" : d}_temp_path ${work}/nginx/${d};`),
        `  include ${work}/site.conf;`,
        "}",
      ].join("\n"),
    );
    const checked = spawnSync(nginxBin!, ["-t", "-p", work, "-c", path.join(work, "nginx.conf")], { encoding: "utf8" });
    expect(checked.status, checked.stderr).toBe(0);
    startProcess("nginx", [nginxBin!, "-p", work, "-c", path.join(work, "nginx.conf")]);

    for (const port of [app1, app2]) await waitFor(`server.mjs on ${port}`, async () => (await fetch(`http://127.0.0.1:${port}/api/health`)).ok);
    await waitFor("nginx", async () => (await fetch(`${base}/api/health`)).ok);
    [browser, video] = await Promise.all([launchBrowser(), makeLargeVideo(path.join(work, "video"), 6)]);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    for (const child of processes.reverse()) child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1_000));
    for (const child of processes) child.kill("SIGKILL");
    await stopS3?.();
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
    fs.rmSync(work, { recursive: true, force: true });
  }, 60_000);

  test("both instances answer behind nginx (no sticky sessions), and a session made on one is valid on the other", async () => {
    const { error, cookie } = await signInFrom(base, "127.0.0.4", "admin.karanganyar@layar.test", "layar-demo-2026");
    expect(error).toBeNull();
    for (let i = 0; i < 6; i++) {
      const page = await request(base, "/admin", { from: "127.0.0.4", headers: { Cookie: cookie } });
      expect(page.status, `request ${i} to /admin`).toBe(200);
    }
    const upstreams = fs
      .readFileSync(path.join(work, "nginx-access.log"), "utf8")
      .split("\n")
      .filter((line) => line.includes('"GET /admin HTTP'))
      .map((line) => line.split(" ").pop());
    expect(new Set(upstreams), "round robin reached both instances").toEqual(new Set([`127.0.0.1:${ports[0]}`, `127.0.0.1:${ports[1]}`]));
  });

  test("a KIM signs in and uploads a film through nginx; the film is stored in S3 and checked once", { timeout: 300_000 }, async () => {
    const context = await newContext(browser, { baseURL: base, viewport: { width: 360, height: 740 } });
    try {
      const page = await context.newPage();
      await signIn(page, "kim@layar.test");
      expect(new URL(page.url()).pathname).toBe("/kim");
      await page.goto("/kim");
      const edition = page.locator("section[aria-labelledby=h-open] li").filter({ hasText: "Karanganyar" });
      await edition.getByRole("link", { name: "Kirim film" }).click();
      await page.waitForURL((u) => u.pathname.startsWith("/kim/kirim/"), { timeout: 30_000 });
      await page.locator("input[name=confirmSlot]").check();
      const create = page.getByRole("button", { name: "Buat draf film" });
      await expect.poll(() => create.isEnabled(), { timeout: 15_000 }).toBe(true);
      await create.click();
      await page.waitForURL((u) => /^\/kim\/film\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 30_000 });
      const input = page.locator("#video-file");
      await expect.poll(() => input.isEnabled(), { timeout: 15_000 }).toBe(true);
      await input.setInputFiles(video.path);
      // The check ran (in an instance or the worker) and accepted the film.
      await expect.poll(() => page.locator("[data-testid=video-accepted]").count(), { timeout: 120_000, interval: 1_000 }).toBe(1);
      const filmId = new URL(page.url()).pathname.split("/").pop()!;
      // The chunks went through nginx to the instances.
      const access = fs.readFileSync(path.join(work, "nginx-access.log"), "utf8");
      expect(access).toMatch(/"PATCH \/api\/upload\/\S+ HTTP\/1\.1" 204/);
      // The original, fetched back through nginx (a redirect to the S3 store), is the KIM's file.
      const download = await context.request.get(`/api/films/${filmId}/video?unduh=1`);
      expect(download.status()).toBe(200);
      expect(sha256(await download.body())).toBe(video.sha256);
      // Checked exactly once, whichever process took the job.
      const db = new Client({ connectionString: databaseUrl });
      await db.connect();
      try {
        const checks = await db.query("select count(*)::int as n from audit_log where action = 'video.check'");
        expect(checks.rows[0].n).toBe(1);
      } finally {
        await db.end();
      }
    } finally {
      await context.close();
    }
  });

  test("the per-address sign-in limit counts the address nginx saw, whatever X-Forwarded-For the client writes", async () => {
    // 127.0.0.2 fails ipLimit times, each time claiming another address and another account.
    for (let i = 0; i < ipLimit; i++) {
      const { error } = await signInFrom(base, "127.0.0.2", `tidak-ada-${i}@contoh.test`, "salah-sekali", `198.51.100.${i + 1}`);
      expect(error).toBeTruthy();
      expect(error).not.toMatch(/Terlalu banyak/);
    }
    // Its next attempt, even with the right password and yet another claimed address, is held.
    const { error: held } = await signInFrom(base, "127.0.0.2", "kim@layar.test", "layar-demo-2026", "203.0.113.9");
    expect(held).toMatch(/Terlalu banyak|rate/i);
    // Another client behind the same nginx is not: the limit is not on nginx's own address.
    expect((await signInFrom(base, "127.0.0.3", "kim@layar.test", "layar-demo-2026")).error).toBeNull();
  });
});

// Under CI the recipe must be tried: a missing nginx or server is a failure, not a skip.
if (process.env.CI === "true" && (!nginxBin || !serverUrl)) {
  describe("the deployment recipe under CI", () => {
    test("has nginx and the PostgreSQL server to run on", () => {
      expect({ nginx: nginxBin ?? null, server: serverUrl ?? null }).toEqual({ nginx: expect.any(String), server: expect.any(String) });
    });
  });
}
