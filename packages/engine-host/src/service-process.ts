import { createWriteStream } from "node:fs";
import { startProcess } from "@notebook-image/devkit";

const STOP_TIMEOUT_MS = 10_000;
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

/**
 * Starts `program` with @notebook-image/devkit's process lifecycle (its own process group, ended
 * with this process however it dies), its output appended to `logFile`.
 */
export function startServiceProcess(
  name: string,
  program: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; logFile: string },
): ServiceProcess {
  const service = startProcess(program, args, { env: options.env, stopTimeoutMs: STOP_TIMEOUT_MS });
  let tail = "";
  const log = createWriteStream(options.logFile, { flags: "a" });
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    tail = (tail + chunk.toString("utf8")).slice(-OUTPUT_TAIL_CHARS);
  };
  service.child.stdout?.on("data", keep);
  service.child.stderr?.on("data", keep);
  service.child.once("error", (error) => {
    tail += `\n${error.message}`;
  });
  const exited = service.exited.then(() => {
    log.end();
  });
  // Services never keep the caller's event loop alive on their own; stop() is what ends them.
  service.holdParent(false);
  return {
    name,
    pid: service.pid,
    exited,
    running: service.running,
    outputTail: () => tail.trim(),
    stop: service.stop,
  };
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
