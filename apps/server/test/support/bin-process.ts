// The notebook-image-server command in a child process, as a user runs it: the built bin, its
// output collected as it comes, killed however the test wants; and the temporary data dirs the bin
// tests give it, removed after each test with the bins (cleanUpBins).
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ManagedProcess, startProcess } from "@notebook-image/devkit";

const BIN = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));
const running = new Set<ManagedProcess>();

/**
 * SIGKILL to every bin still running (a test's afterEach: a failed test leaves no server behind). A
 * worker that is torn down needs no call: the devkit's watchdog ends each bin with this process.
 */
export function killBins(): void {
  for (const bin of running) bin.child.kill("SIGKILL");
  running.clear();
}

/** A bin on a free port of loopback, its state in memory, no request log: where most bin tests start. */
export const QUIET_IN_MEMORY_ARGS: readonly string[] = [
  "--port",
  "0",
  "--in-memory",
  "--log-level",
  "silent",
];

const tempDirs: string[] = [];

/** A new temporary directory (for a bin's data dir), removed by cleanUpBins. */
export function binTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "server-bin-"));
  tempDirs.push(dir);
  return dir;
}

/** A bin test's afterEach: the bins still running killed (killBins), the binTempDir()s removed. */
export function cleanUpBins(): void {
  killBins();
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The bin in a child process; `env` replaces the environment when given. */
export function spawnBin(args: readonly string[], env?: NodeJS.ProcessEnv) {
  const bin = startProcess(process.execPath, [BIN, ...args], env ? { env } : {});
  const { child } = bin;
  running.add(bin);
  const output = { stdout: "", stderr: "" };
  child.stdout?.on("data", (chunk) => {
    output.stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output.stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    // "close", not "exit": by then every byte the bin printed has been read.
    child.on("close", (code) => {
      running.delete(bin);
      resolve(code);
    }),
  );
  return { child, output, exited };
}

export interface StartedBin {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts the bin and resolves once it printed its URL (at most 60 s: opening PGlite is slow on a loaded machine). */
export function startBin(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<StartedBin> {
  const { child, output, exited } = spawnBin(args, env);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no URL printed in 60 s:\n${output.stdout}\n${output.stderr}`)),
      60_000,
    );
    child.stdout?.on("data", () => {
      const match = /listening on (http:\/\/\S+)/.exec(output.stdout);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        child,
        url: match[1] as string,
        stdout: () => output.stdout,
        stderr: () => output.stderr,
        exited,
      });
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening:\n${output.stdout}\n${output.stderr}`));
    });
  });
}

/** Runs the bin to its end (at most 60 s). */
export async function runBin(
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { output, exited } = spawnBin(args, env);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("the bin did not exit in 60 s")), 60_000);
  });
  const code = await Promise.race([exited, timeout]).finally(() => clearTimeout(timer));
  return { code, ...output };
}
