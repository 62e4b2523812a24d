import { z } from "zod";
import { emailSchema } from "@/lib/auth/email";
import { newSetupLink } from "@/lib/auth/organiser-accounts";
import { formatWib } from "@/lib/format/dates";
import { UsageError, requiredOption, type AdminCommand } from "../command";

const usage = "password-link --email E";

/**
 * A fresh one-time link to set an account's password (24 hours): the operator's way out when
 * the first link expired, or when mail is not set up and someone forgot their password.
 */
export const passwordLinkCommand: AdminCommand = {
  name: "password-link",
  usage,
  summary: "Mencetak tautan sekali pakai baru untuk membuat kata sandi akun yang sudah ada (24 jam; tautan sebelumnya tidak berlaku lagi).",
  needsDatabase: true,
  options: ["email"],
  check(args) {
    const parsed = z.object({ email: emailSchema }).safeParse({ email: requiredOption(args, "email", usage) });
    if (!parsed.success) throw new UsageError(`--email: ${parsed.error.issues[0].message}`);
  },
  async run(context) {
    const made = await newSetupLink(context.db, { email: requiredOption(context, "email", usage) });
    context.out(made.link);
    const done = `Tautan kata sandi untuk ${made.user.name} <${made.user.email}> berlaku sampai ${formatWib(made.expiresAt)}, sekali pakai.`;
    context.note(done); // CLI output: Indonesian only
  },
};
