// The server's bin (notebook-image-server) in a child process, as users start it: the URL is read
// from what it prints; `firstAnswerMs` is the time from spawn to its first HTTP answer.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";

const require = createRequire(import.meta.url);
const STARTUP_TIMEOUT_MS = 120_000;

function binPath() {
  const manifest = require.resolve("@notebook-image/server/package.json");
  const { bin } = JSON.parse(readFileSync(manifest, "utf8"));
  return join(dirname(manifest), bin["notebook-image-server"]);
}

/**
 * @param {readonly string[]} args
 * @returns {Promise<{ url: string, pid: number, firstAnswerMs: number, rssMiB(): number, stop(): Promise<void> }>}
 */
export async function startServerProcess(args) {
  const started = performance.now();
  const child = spawn(process.execPath, [binPath(), "--port", "0", "--log-level", "silent", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const output = /** @type {string[]} */ ([]);
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start:\n${output.join("\n")}`)),
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
    void exited.then((code) => reject(new Error(`server exited (${code}):\n${output.join("\n")}`)));
  });
  for (;;) {
    const response = await fetch(`${url}/_control/health`).catch(() => undefined);
    if (response) {
      await response.arrayBuffer();
      break;
    }
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
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
