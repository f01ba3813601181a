// `pnpm dev`: turbo's dev tasks (the spec's watcher, the client's generator, the mock, the local
// server, the docs and the example page), with no telemetry notice, and one line once every
// service has said where it listens (dev-ready.mjs reads their own announcements), so that a new
// user sees where to go among the services' own lines.
// Ctrl-C reaches turbo from the terminal (same process group); this script waits for it to finish.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { createReadyWatcher, readyLine } from "./dev-ready.mjs";

/** A fresh clone builds everything first (about 80 s on two cores); a wait has a limit all the same. */
const READY_LIMIT_MS = 10 * 60_000;

const startedAt = Date.now();
const turbo = spawn("turbo", ["run", "dev", ...process.argv.slice(2)], {
  // Its output passes through here, to be read for the services' addresses; the rest is the terminal's.
  stdio: ["inherit", "pipe", "inherit"],
  env: {
    ...process.env,
    // Turbo and Redocly print a telemetry notice or send usage data unless told not to.
    TURBO_TELEMETRY_DISABLED: "1",
    REDOCLY_TELEMETRY: "off",
    // Colours as on the terminal, though turbo's output is a pipe to this script.
    ...(process.stdout.isTTY ? { FORCE_COLOR: "1" } : {}),
  },
});
turbo.on("error", (error) => {
  console.error(`pnpm dev: cannot run turbo: ${error.message} (run pnpm install first)`);
  process.exit(1);
});
turbo.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
// The terminal's Ctrl-C reaches turbo too: wait for it to stop its tasks. A SIGTERM sent to this
// script alone is handed on.
process.on("SIGINT", () => undefined);
process.on("SIGTERM", () => turbo.kill("SIGTERM"));

const watcher = createReadyWatcher();
let said = false;
const limit = setTimeout(() => {
  said = true;
  const seconds = Math.round((Date.now() - startedAt) / 1000);
  console.log(`pnpm dev: after ${seconds} s, still not listening: ${watcher.missing.join(", ")}`);
}, READY_LIMIT_MS);
limit.unref();

createInterface({ input: turbo.stdout }).on("line", (line) => {
  process.stdout.write(`${line}\n`);
  if (said) return;
  watcher.read(line);
  const addresses = watcher.ready;
  if (!addresses) return;
  said = true;
  clearTimeout(limit);
  console.log(readyLine(addresses, Math.round((Date.now() - startedAt) / 1000)));
});
