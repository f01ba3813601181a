// The server's bin (notebook-image-server) in a child process, as a user runs it: started on a
// free port, its URL read from what it prints, killed however the test wants. The devkit's watchdog
// ends a server the test left running once the test process is gone.
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { startProcess } from "@notebook-image/devkit";

const require = createRequire(import.meta.url);
const STARTUP_TIMEOUT_MS = 60_000;

function binPath(): string {
  const manifest = require.resolve("@notebook-image/server/package.json");
  const { bin } = JSON.parse(readFileSync(manifest, "utf8")) as { bin: Record<string, string> };
  const relative = bin["notebook-image-server"];
  if (!relative) throw new Error("@notebook-image/server has no notebook-image-server bin");
  return join(dirname(manifest), relative);
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

export function startServerProcess(args: readonly string[]): Promise<ServerProcess> {
  const { child } = startProcess(process.execPath, [binPath(), "--port", "0", ...args]);
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the server did not start within ${STARTUP_TIMEOUT_MS} ms:\n${output.join("\n")}`));
    }, STARTUP_TIMEOUT_MS);
    const onLine = (line: string) => {
      output.push(line);
      const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({ url, child, output, exited });
    };
    if (child.stdout) createInterface({ input: child.stdout }).on("line", onLine);
    if (child.stderr) createInterface({ input: child.stderr }).on("line", onLine);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${output.join("\n")}`));
    });
  });
}
