import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { listTar, readEntry, TarWriter } from "@/lib/admin/backup/tar";

// The backup is a plain tar: what Layar writes, GNU tar reads (names past 100 bytes and
// non-ASCII names through pax records), and what Layar reads back is byte for byte the same.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-tar-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it("writes entries GNU tar lists and extracts, and reads them back", async () => {
  const longName = `media/films/${"a".repeat(40)}/${"b".repeat(80)}/poster.jpg`;
  const unicode = "media/films/f/subtitel-Bahasa-Jawa-ꦗꦮ.vtt";
  const bytes = crypto.randomBytes(70_000);
  const source = path.join(dir, "source.bin");
  fs.writeFileSync(source, bytes);
  const file = path.join(dir, "a.tar");
  const tar = await TarWriter.create(file);
  await tar.addBuffer("layar-backup.json", Buffer.from('{"ok":true}\n'));
  expect(await tar.addFile(longName, source, bytes.length)).toBe(crypto.createHash("sha256").update(bytes).digest("hex"));
  await tar.addBuffer(unicode, Buffer.from("WEBVTT\n"));
  await tar.addBuffer("empty", Buffer.alloc(0));
  await tar.close();
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);

  expect(execFileSync("tar", ["-tf", file], { encoding: "utf8" }).split("\n").filter(Boolean)).toEqual(["layar-backup.json", longName, unicode, "empty"]);
  expect(execFileSync("tar", ["-xOf", file, longName]).equals(bytes)).toBe(true);
  expect(execFileSync("tar", ["-xOf", file, unicode], { encoding: "utf8" })).toBe("WEBVTT\n");

  const entries = await listTar(file);
  expect(entries.map((e) => [e.name, e.size])).toEqual([["layar-backup.json", 12], [longName, bytes.length], [unicode, 7], ["empty", 0]]);
  expect((await readEntry(file, entries[1])).equals(bytes)).toBe(true);
});

it("reads an archive GNU tar made, and refuses what is not one", async () => {
  fs.mkdirSync(path.join(dir, "in", "media"), { recursive: true });
  fs.writeFileSync(path.join(dir, "in", "media", "x.txt"), "isi");
  const made = path.join(dir, "gnu.tar");
  execFileSync("tar", ["-cf", made, "-C", path.join(dir, "in"), "media/x.txt"]);
  const [entry] = await listTar(made);
  expect(entry.name).toBe("media/x.txt");
  expect((await readEntry(made, entry)).toString()).toBe("isi");

  const notTar = path.join(dir, "not.tar");
  fs.writeFileSync(notTar, Buffer.alloc(2048, 0x41));
  await expect(listTar(notTar)).rejects.toThrow(/bukan berkas tar/);
  const cut = path.join(dir, "cut.tar");
  fs.writeFileSync(cut, fs.readFileSync(path.join(dir, "a.tar")).subarray(0, 5000));
  await expect(listTar(cut)).rejects.toThrow(/terpotong/);
  // An existing file is never overwritten.
  await expect(TarWriter.create(made)).rejects.toThrow(/EEXIST/);
});
