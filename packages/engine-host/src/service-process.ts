import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { findProgram } from "./tools.js";

const STOP_GRACE_MS = 10_000;
const OUTPUT_TAIL_CHARS = 4_000;

/** A long-running program started by the engine host (the podman service, the registry). */
export interface ServiceProcess {
  readonly name: string;
  readonly pid: number;
  /** Settles when the process has ended, for whatever reason. */
  readonly exited: Promise<void>;
  /** Whether it is still running. */
  running(): boolean;
  /** The end of what it printed, to explain a failure. */
  outputTail(): string;
  /** SIGTERM, SIGKILL after a grace period; resolves once it is gone. Safe to call twice. */
  stop(): Promise<void>;
}

/** Children still running, killed if this process exits without stopping them. */
const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
});

/**
 * Starts `program` in its own process group, its output appended to `logFile`. It is run through
 * `setpriv --pdeathsig SIGTERM`, so the kernel ends it when this process dies, even by SIGKILL,
 * which runs no exit handler: a crashed test run leaves no service behind.
 */
export function startServiceProcess(
  name: string,
  program: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; logFile: string },
): ServiceProcess {
  const setpriv = findProgram("setpriv") ?? "setpriv";
  const child = spawn(setpriv, ["--pdeathsig", "SIGTERM", "--", program, ...args], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: options.env,
  });
  running.add(child);
  let tail = "";
  const log = createWriteStream(options.logFile, { flags: "a" });
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    tail = (tail + chunk.toString("utf8")).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => {
    const done = () => {
      running.delete(child);
      log.end();
      resolve();
    };
    child.once("exit", done);
    child.once("error", (error) => {
      tail += `\n${error.message}`;
      done();
    });
  });
  // Services never keep the caller's event loop alive on their own; close() is what ends them.
  child.unref();
  for (const pipe of [child.stdout, child.stderr])
    (pipe as unknown as { unref?: () => void } | null)?.unref?.();
  return {
    name,
    pid: child.pid ?? 0,
    exited,
    running: () => child.exitCode === null && child.signalCode === null && running.has(child),
    outputTail: () => tail.trim(),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null && running.has(child)) {
        killGroup(child, "SIGTERM");
        const grace = setTimeout(() => killGroup(child, "SIGKILL"), STOP_GRACE_MS);
        await exited;
        clearTimeout(grace);
      }
      killGroup(child, "SIGKILL");
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** Polls `ready` every 50 ms until it is true; fails once `service` has ended or `timeoutMs` passed. */
export async function waitUntilReady(
  service: ServiceProcess,
  ready: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!service.running()) {
      throw new Error(`${service.name} exited while starting: ${service.outputTail() || "(no output)"}`);
    }
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) {
      await service.stop();
      throw new Error(
        `${service.name} was not ready within ${timeoutMs} ms: ${service.outputTail() || "(no output)"}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
