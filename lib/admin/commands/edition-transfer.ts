import { UsageError, type AdminCommand } from "../command";

// Placeholder until the edition format lands (issue 11 part 5).
export const exportEditionCommand: AdminCommand = {
  name: "export-edition",
  usage: "export-edition SLUG > berkas.json",
  summary: "Mencetak seluruh pengaturan satu edisi sebagai JSON (docs/edition-format.md).",
  needsDatabase: true,
  async run() {
    throw new UsageError("Belum tersedia.");
  },
};

export const importEditionCommand: AdminCommand = {
  name: "import-edition",
  usage: "import-edition berkas.json",
  summary: "Membuat draf edisi baru dari berkas JSON (slug dan judul dari berkas).",
  needsDatabase: true,
  async run() {
    throw new UsageError("Belum tersedia.");
  },
};
