// `pnpm dev`: turbo's dev tasks (the spec's watcher, the client's generator, the mock, the local
// server, the docs and the example page), with no telemetry notice, and one line once all four
// addresses answer, so that a new user sees where to go among the services' own lines.
// Ctrl-C reaches turbo from the terminal (same process group); this script waits for it to finish.
import { spawn } from "node:child_process";
import { connect } from "node:net";

/** Where each dev task listens: the mock's, the server's, the docs' and vite's configured defaults. */
const SERVICES = [
  { name: "mock", url: "http://127.0.0.1:4010" },
  { name: "local server", url: "http://127.0.0.1:4020" },
  { name: "docs", url: "http://127.0.0.1:8080" },
  { name: "Save as Image page", url: "http://127.0.0.1:5173" },
];
/** A fresh clone builds everything first (about 80 s on two cores); a wait has a limit all the same. */
const READY_LIMIT_MS = 10 * 60_000;

const startedAt = Date.now();
const turbo = spawn("turbo", ["run", "dev", ...process.argv.slice(2)], {
  stdio: "inherit",
  // Turbo and Redocly print a telemetry notice or send usage data unless told not to.
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", REDOCLY_TELEMETRY: "off" },
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

/**
 * Resolves true when something accepts a TCP connection there (no HTTP request: nothing is logged).
 * @param {string} url
 * @returns {Promise<boolean>}
 */
function answers(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.setTimeout(1_000);
    const done = (/** @type {boolean} */ ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.once("timeout", () => done(false));
  });
}

let waiting = SERVICES;
while (waiting.length > 0 && Date.now() - startedAt < READY_LIMIT_MS && turbo.exitCode === null) {
  await new Promise((resolve) => setTimeout(resolve, 500));
  const answered = await Promise.all(waiting.map((service) => answers(service.url)));
  waiting = waiting.filter((_, i) => !answered[i]);
}
if (turbo.exitCode === null) {
  const seconds = Math.round((Date.now() - startedAt) / 1000);
  console.log(
    waiting.length === 0
      ? `pnpm dev: ready in ${seconds} s: ${SERVICES.map((s) => `${s.name} ${s.url}`).join(" · ")} (Ctrl-C stops)`
      : `pnpm dev: after ${seconds} s, still not answering: ${waiting.map((s) => `${s.name} ${s.url}`).join(", ")}`,
  );
}
