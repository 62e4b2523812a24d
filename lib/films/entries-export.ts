import ExcelJS from "exceljs";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { films, kimGroups, regions, users } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { formatBytes } from "@/lib/format/bytes";
import { formatWib } from "@/lib/format/dates";
import { formatDuration } from "@/lib/format/duration";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import messages from "@/messages/id.json";
import { entryRows, videoFacts } from "./list-edition-submissions";

/**
 * "Unduh daftar film (XLSX)": every entry of an edition with its KIM's contacts, for the
 * organiser's office (phone calls, letters). Indonesian only, like every document.
 * Title rows (edition, region, export time in WIB), one header row, one row per entry.
 * Text a spreadsheet could take for a formula (= + - @ at the start) is written as a
 * string cell with the Text number format, so it is shown as typed and stays text when
 * someone edits the cell.
 */

const statusWords: Record<string, string> = messages.filmStatus;
const TEXT = "@";
const formulaLike = /^[=+\-@\t\r]/;

export const entriesXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const columns = [
  { header: "No", key: "no", width: 5 },
  { header: "Kode film", key: "code", width: 12 },
  { header: "Judul film", key: "title", width: 36 },
  { header: "Status", key: "status", width: 18 },
  { header: "Keterangan status", key: "statusReason", width: 30 },
  { header: "Kategori", key: "category", width: 18 },
  { header: "Bahasa", key: "language", width: 14 },
  { header: "KIM", key: "kim", width: 28 },
  { header: "Kecamatan", key: "district", width: 18 },
  { header: "Desa/kelurahan", key: "village", width: 18 },
  { header: "Kabupaten/kota", key: "regency", width: 22 },
  { header: "Narahubung KIM", key: "contactName", width: 22 },
  { header: "Telepon KIM", key: "contactPhone", width: 16 },
  { header: "Email KIM", key: "contactEmail", width: 26 },
  { header: "Email akun anggota", key: "memberEmails", width: 32 },
  { header: "Telepon akun anggota", key: "memberPhones", width: 22 },
  { header: "Dikirim (WIB)", key: "submittedAt", width: 24 },
  { header: "Durasi", key: "duration", width: 16 },
  { header: "Resolusi", key: "resolution", width: 12 },
  { header: "Format", key: "format", width: 14 },
  { header: "Ukuran", key: "size", width: 10 },
] as const;

type Key = (typeof columns)[number]["key"];

export async function entriesXlsx(db: Db, actor: SessionUser, slug: string, now = new Date()): Promise<{ body: Buffer; filename: string }> {
  const edition = await organiserEdition(db, actor, slug);
  const [rows, [region]] = await Promise.all([
    entryRows(db, eq(films.editionId, edition.id)),
    db.select({ name: regions.name }).from(regions).where(eq(regions.code, edition.regionCode)),
  ]);
  const kimIds = [...new Set(rows.map((r) => r.kimId))];
  const [facts, contacts, members] = await Promise.all([
    videoFacts(db, rows.map((r) => r.id)),
    kimIds.length ? db.select({ id: kimGroups.id, name: kimGroups.contactName, phone: kimGroups.contactPhone, email: kimGroups.contactEmail }).from(kimGroups).where(inArray(kimGroups.id, kimIds)) : [],
    kimIds.length
      ? db
          .select({ kimId: users.kimId, email: users.email, phone: users.phone })
          .from(users)
          .where(and(eq(users.role, "kim"), eq(users.status, "active"), inArray(users.kimId, kimIds)))
          .orderBy(users.email)
      : [],
  ]);
  const contactOf = new Map(contacts.map((c) => [c.id, c]));

  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Layar";
  workbook.title = `Daftar film masuk ${edition.title}`;
  workbook.created = now;
  const sheet = workbook.addWorksheet("Film masuk", { views: [{ state: "frozen", ySplit: 5 }] });
  sheet.columns = columns.map((c) => ({ key: c.key, width: c.width }));

  const titles = [`Daftar film masuk: ${edition.title}`, `Wilayah: ${region?.name ?? edition.regionCode}`, `Diunduh: ${formatWib(now)} · ${rows.length} film`];
  titles.forEach((text, i) => {
    const cell = sheet.getCell(i + 1, 1);
    setText(cell, text);
    cell.font = i === 0 ? { bold: true, size: 14 } : { size: 11 };
  });
  const header = sheet.getRow(5);
  header.values = columns.map((c) => c.header);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF3" } };
    cell.border = { bottom: { style: "thin" } };
  });

  rows.forEach((film, i) => {
    const { video } = facts(film.id);
    const contact = contactOf.get(film.kimId);
    const own = members.filter((m) => m.kimId === film.kimId);
    const values: Record<Key, string | number> = {
      no: i + 1,
      code: film.code,
      title: film.title,
      status: statusWords[film.status] ?? film.status,
      statusReason: film.statusReason ?? "",
      category: film.category ?? "",
      language: film.language ?? "",
      kim: film.kimName,
      district: film.districtName,
      village: film.villageName ?? "",
      regency: film.regencyName,
      contactName: contact?.name ?? "",
      contactPhone: contact?.phone ?? "",
      contactEmail: contact?.email ?? "",
      memberEmails: own.map((m) => m.email).join(", "),
      memberPhones: own.map((m) => m.phone).filter(Boolean).join(", "),
      submittedAt: film.submittedAt ? formatWib(film.submittedAt) : "",
      duration: video?.probe ? formatDuration(video.probe.durationSeconds) : "",
      resolution: video?.probe ? `${video.probe.width}×${video.probe.height}` : "",
      format: video?.probe ? `${video.probe.container.toUpperCase()} ${video.probe.videoCodec.toUpperCase()}` : "",
      size: video?.sizeBytes ? formatBytes(video.sizeBytes) : "",
    };
    const row = sheet.getRow(6 + i);
    columns.forEach((c, col) => {
      const value = values[c.key];
      const cell = row.getCell(col + 1);
      if (typeof value === "number") cell.value = value;
      else setText(cell, value);
    });
  });
  if (rows.length) sheet.autoFilter = { from: { row: 5, column: 1 }, to: { row: 5 + rows.length, column: columns.length } };

  return { body: Buffer.from(await workbook.xlsx.writeBuffer()), filename: `daftar-film-${edition.slug}.xlsx` };
}

/** A string cell; one a spreadsheet could read as a formula also gets the Text format. */
function setText(cell: ExcelJS.Cell, text: string) {
  cell.value = text;
  if (formulaLike.test(text)) cell.numFmt = TEXT;
}
