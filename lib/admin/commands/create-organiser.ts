import { UsageError, type AdminCommand } from "../command";

// Placeholder until the accounts work lands (issue 11 part 1).
export const createOrganiserCommand: AdminCommand = {
  name: "create-organiser",
  usage: "create-organiser --email E --name N --region CODE",
  summary: "Membuat akun panitia (organiser) pertama dan mencetak tautan sekali pakai untuk membuat kata sandi (24 jam).",
  needsDatabase: true,
  async run() {
    throw new UsageError("Belum tersedia.");
  },
};
