// A server in a child process, as users start it: the URL is read from the line it prints
// ("listening on http://..."); `firstAnswerMs` is the time from spawn to its first HTTP answer.
// Used for the server's bin (notebook-image-server) and for the stack limits' bare servers.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";

const require = createRequire(import.meta.url);
const STARTUP_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;

function binPath() {
  const manifest = require.resolve("@notebook-image/server/package.json");
  const { bin } = JSON.parse(readFileSync(manifest, "utf8"));
  return join(dirname(manifest), bin["notebook-image-server"]);
}

/** @typedef {{ url: string, pid: number, firstAnswerMs: number, rssMiB(): number, stop(): Promise<void> }} ServerProcess */

/**
 * The server's bin on a free port, logging nothing.
 * @param {readonly string[]} args
 * @returns {Promise<ServerProcess>}
 */
export function startServerProcess(args) {
  return startNodeServer(binPath(), ["--port", "0", "--log-level", "silent", ...args], "/_control/health");
}

/**
 * Runs `node script ...args`, waits for the URL it prints and for a first answer on `probePath`.
 * @param {string} script
 * @param {readonly string[]} args
 * @param {string} probePath
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<ServerProcess>}
 */
export async function startNodeServer(script, args, probePath, env = process.env) {
  const started = performance.now();
  // stdin is a pipe that only closes when this process ends, however it ends: the bare servers of
  // stack-limit-server.mjs exit then, rather than outlive a benchmark killed halfway.
  const child = spawn(process.execPath, [script, ...args], { stdio: ["pipe", "pipe", "pipe"], env });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const output = /** @type {string[]} */ ([]);
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} did not start:\n${output.join("\n")}`)),
      STARTUP_TIMEOUT_MS,
    );
    /** @param {string} line */
    const onLine = (line) => {
      output.push(line);
      const found = /listening on (http:\/\/\S+)/.exec(line)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    createInterface({ input: child.stdout }).on("line", onLine);
    createInterface({ input: child.stderr }).on("line", onLine);
    void exited.then((code) => reject(new Error(`${script} exited (${code}):\n${output.join("\n")}`)));
  });
  const deadline = performance.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    const response = await fetch(`${url}${probePath}`).catch(() => undefined);
    if (response) {
      await response.arrayBuffer();
      break;
    }
    if (performance.now() > deadline) throw new Error(`${script} printed ${url} but never answered`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const firstAnswerMs = performance.now() - started;
  return {
    url,
    pid: child.pid ?? 0,
    firstAnswerMs,
    rssMiB: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
    },
    stop: async () => {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
