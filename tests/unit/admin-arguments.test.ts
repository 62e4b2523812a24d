import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { adminCommands } from "@/lib/admin/commands";
import { helpText, parseArguments, runAdmin, type AdminIo } from "@/lib/admin/run-admin";
import { whatsappNumber } from "@/lib/auth/invite-organiser";
import type { Db } from "@/lib/db/client";
import { DatabaseInUseError, lockDataDir } from "@/lib/db/data-dir-lock";

// The dispatcher's contract without a database: what reaches a command, which exit code and
// which one line a mistake gets, and that a mistake in the arguments never opens the database.

function io() {
  const out: string[] = [];
  const err: string[] = [];
  let opened = 0;
  const value: AdminIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readFile: async () => "",
    openDb: async () => {
      opened += 1;
      throw new Error("no database in this test");
    },
  };
  return { value, out, err, opened: () => opened };
}

describe("parseArguments", () => {
  it("reads --name value, --name=value, bare flags and positional words", () => {
    expect(parseArguments(["--email", "a@b.id", "--name=Budi Santoso", "berkas.json", "--force", "--region", "33.13"])).toEqual({
      positional: ["berkas.json"],
      options: { email: "a@b.id", name: "Budi Santoso", force: "true", region: "33.13" },
    });
    expect(parseArguments(["--name=a=b"]).options).toEqual({ name: "a=b" });
  });

  it("refuses an option that is not a word", () => {
    expect(() => parseArguments(["--Email", "x"])).toThrow('Opsi "--Email" tidak dikenal.');
  });
});

describe("runAdmin without a database", () => {
  it("help lists every command with its usage and exits 0; no command prints it and exits 2", async () => {
    const help = io();
    expect(await runAdmin(["help"], help.value)).toBe(0);
    for (const command of adminCommands) expect(help.out[0]).toContain(command.usage);
    expect(helpText()).toContain("password-link --email E");
    const none = io();
    expect(await runAdmin([], none.value)).toBe(2);
    expect(none.out[0]).toBe(helpText());
  });

  it("answers mistakes in the arguments with one line and exit 2, before opening the database", async () => {
    const cases: [string[], string][] = [
      [["hapus-semua"], 'Perintah "hapus-semua" tidak dikenal. Lihat daftar perintah: npm run admin -- help'],
      [["create-organiser", "--email", "a@b.id", "--name", "Budi"], "Opsi --region wajib diisi. Pemakaian: npm run admin -- create-organiser --email E --name N --region CODE"],
      [["create-organiser", "--email", "a@b.id", "--name", "Budi", "--region"], "Opsi --region wajib diisi. Pemakaian: npm run admin -- create-organiser --email E --name N --region CODE"],
      [["create-organiser", "--email", "a@b", "--name", "Budi", "--region", "33"], "--email: Masukkan alamat email yang benar."],
      [["create-organiser", "--email", "a@b.id", "--name", "B", "--region", "33"], "--name: Tulis nama panitia."],
      [["create-organiser", "--email", "a@b.id", "--name", "Budi", "--region", "33-13"], "--region: Kode wilayah berupa angka Kemendagri, mis. 33 (provinsi) atau 33.13 (kabupaten/kota)."],
      [["create-organiser", "--email", "a@b.id", "--name", "Budi", "--region", "33", "--role", "judge"], "Opsi --role tidak dikenal. Pemakaian: npm run admin -- create-organiser --email E --name N --region CODE"],
      [["password-link", "--email", "bukan email"], "--email: Masukkan alamat email yang benar."],
    ];
    for (const [args, line] of cases) {
      const run = io();
      expect(await runAdmin(args, run.value), args.join(" ")).toBe(2);
      expect(run.err).toEqual([line]);
      expect(run.out).toEqual([]);
      expect(run.opened()).toBe(0);
    }
  });

  it("exits 1 with the lock's sentence when the embedded database is in use, and with the cause of a driver failure", async () => {
    const inUse = io();
    inUse.value.openDb = async () => {
      throw new DatabaseInUseError("/srv/layar/data/pglite", 4242);
    };
    expect(await runAdmin(["password-link", "--email", "a@b.id"], inUse.value)).toBe(1);
    expect(inUse.err).toEqual([new DatabaseInUseError("/srv/layar/data/pglite", 4242).message]);

    // Drizzle wraps the driver's error; the line names the driver's reason.
    const refused = io();
    refused.value.openDb = async () => ({
      db: {} as Db,
      close: async () => undefined,
    });
    const wrapped = Object.assign(new Error("Failed query: select ...\nparams: "), { cause: Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:5432"), { code: "ECONNREFUSED" }) });
    const command = adminCommands.find((c) => c.name === "password-link")!;
    const original = command.run;
    command.run = async () => {
      throw wrapped;
    };
    try {
      expect(await runAdmin(["password-link", "--email", "a@b.id"], refused.value)).toBe(1);
    } finally {
      command.run = original;
    }
    expect(refused.err).toEqual(["Tidak dapat terhubung ke basis data (DATABASE_URL): connect ECONNREFUSED 10.0.0.5:5432"]);
  });
});

describe("whatsappNumber", () => {
  it("writes Indonesian numbers as wa.me wants them", () => {
    expect(whatsappNumber("0812-3456-7890")).toBe("6281234567890");
    expect(whatsappNumber("+62 812 3456 7890")).toBe("6281234567890");
    expect(whatsappNumber("(0271) 495 039")).toBe("62271495039");
    expect(whatsappNumber("812 3456 7890")).toBe("6281234567890");
    expect(whatsappNumber("")).toBe("");
  });
});

describe("the embedded database's lock", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "layar-lock-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const lockFile = (dir: string) => `${dir}.lock`;

  it("is taken once per process, counted, and removed with the last release", () => {
    const dir = path.join(root, "a", "pglite");
    fs.mkdirSync(dir, { recursive: true });
    const first = lockDataDir(dir);
    const second = lockDataDir(dir);
    expect(JSON.parse(fs.readFileSync(lockFile(dir), "utf8")).pid).toBe(process.pid);
    first();
    first(); // a second call of the same release changes nothing
    expect(fs.existsSync(lockFile(dir))).toBe(true);
    second();
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  });

  it("refuses while another live process holds it, and takes over one whose process is gone", async () => {
    const dir = path.join(root, "b", "pglite");
    fs.mkdirSync(dir, { recursive: true });
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      fs.writeFileSync(lockFile(dir), JSON.stringify({ pid: holder.pid }));
      expect(() => lockDataDir(dir)).toThrow(DatabaseInUseError);
      expect(() => lockDataDir(dir)).toThrow(`(PID ${holder.pid}, biasanya server Layar)`);
    } finally {
      holder.kill();
    }
    const gone = spawnSync(process.execPath, ["-e", "process.pid"]).pid;
    fs.writeFileSync(lockFile(dir), JSON.stringify({ pid: gone }));
    const release = lockDataDir(dir);
    expect(JSON.parse(fs.readFileSync(lockFile(dir), "utf8")).pid).toBe(process.pid);
    release();
    // A half-written file (a crash while writing it) counts as stale too.
    fs.writeFileSync(lockFile(dir), "{");
    lockDataDir(dir)();
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  });
});
