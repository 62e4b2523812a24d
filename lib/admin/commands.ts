import type { AdminCommand } from "./command";
import { backupCommand, restoreCommand } from "./commands/backup-restore";
import { createOrganiserCommand } from "./commands/create-organiser";
import { exportEditionCommand, importEditionCommand } from "./commands/edition-transfer";
import { passwordLinkCommand } from "./commands/password-link";

/** Every `npm run admin` command, in the order `help` lists them. */
export const adminCommands: AdminCommand[] = [createOrganiserCommand, passwordLinkCommand, exportEditionCommand, importEditionCommand, backupCommand, restoreCommand];
