import fs from "node:fs";
import { afterAll, inject } from "vitest";

// Runs after every e2e test file: a browser can pass while the server crashed
// behind it (an uncaught exception only reaches the server's log). Each file is
// held to what the server logged while it ran.
afterAll(() => {
  const logFile = inject("serverLog");
  const mark = `${logFile}.checked`;
  const from = fs.existsSync(mark) ? Number(fs.readFileSync(mark, "utf8")) : 0;
  const log = fs.readFileSync(logFile, "utf8");
  fs.writeFileSync(mark, String(log.length));
  const crashes = log
    .slice(from)
    .split("\n")
    .filter((line) => /uncaughtException|unhandledRejection/.test(line));
  if (crashes.length) throw new Error(`The server logged ${crashes.length} uncaught error(s) during this file:\n${crashes.slice(0, 5).join("\n")}`);
});
