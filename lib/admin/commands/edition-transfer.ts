import { exportEdition, importEdition } from "@/lib/editions/edition-format";
import { env } from "@/lib/env";
import { UsageError, type AdminCommand } from "../command";

// The edition file (docs/edition-format.md) from and into the database, for an operator:
// a template handed from a province to its regencies, or a backup of an edition's set-up.

export const exportEditionCommand: AdminCommand = {
  name: "export-edition",
  usage: "export-edition SLUG > berkas.json",
  summary: "Mencetak seluruh pengaturan satu edisi sebagai JSON (docs/edition-format.md).",
  needsDatabase: true,
  async run({ db, positional, out }) {
    const [slug, extra] = positional;
    if (!slug || extra !== undefined) throw new UsageError("Sebutkan satu slug edisi. Pemakaian: npm run admin -- export-edition SLUG > berkas.json");
    // The file ends with its own newline; out() adds none to text that has one.
    out(await exportEdition(db, slug));
  },
};

export const importEditionCommand: AdminCommand = {
  name: "import-edition",
  usage: "import-edition berkas.json",
  summary: "Membuat draf edisi baru dari berkas JSON (slug dan judul dari berkas).",
  needsDatabase: true,
  async run({ db, positional, out, readFile }) {
    const [path, extra] = positional;
    if (!path || extra !== undefined) throw new UsageError("Sebutkan satu berkas JSON (atau - untuk standard input). Pemakaian: npm run admin -- import-edition berkas.json");
    const edition = await importEdition(db, await readFile(path), null);
    out(`Draf edisi dibuat: ${edition.slug}`);
    out(`Lengkapi dan buka pendaftarannya di ${env().publicUrl}/admin/festival/${edition.slug}/pengaturan`);
  },
};
