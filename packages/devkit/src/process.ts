// One way to run a long-lived child process (a mock, a database, a container engine, a server under
// test): it leads its own process group, so stopping it also ends whatever it forked; stop() sends
// a signal and SIGKILL after a time limit; and a watchdog ends the group when this process is gone,
// however it ended (even SIGKILL, which runs no exit handler). Nothing here runs on import.
import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const WATCHDOG = fileURLToPath(new URL("./watchdog.cjs", import.meta.url));
const DEFAULT_STOP_TIMEOUT_MS = 10_000;

export interface ProcessOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this user and group (PostgreSQL refuses to run as root). */
  uid?: number;
  gid?: number;
  /** The child's standard output and error: piped (the default) for the caller to read, this process' own, or ignored. */
  output?: "pipe" | "inherit" | "ignore";
  /** What stop() sends first: SIGTERM unless the program wants another (PostgreSQL's fast shutdown is SIGINT). */
  stopSignal?: NodeJS.Signals;
  /** How long stop() waits after stopSignal before SIGKILL. */
  stopTimeoutMs?: number;
  /** Paths removed once the group has ended: by stop(), after an exit of its own, or by the watchdog. */
  removeAfterExit?: readonly string[];
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Settles once the process has ended and its group and `removeAfterExit` paths are gone. */
  readonly exited: Promise<ProcessExit>;
  running(): boolean;
  /**
   * Whether the child keeps this process' event loop alive (it does until told otherwise). A caller
   * that lets go can still exit: the watchdog then ends the child.
   */
  holdParent(hold: boolean): void;
  /** stopSignal to the group, SIGKILL after stopTimeoutMs; resolves once it is gone. Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts `program` in its own process group, watched so that it cannot outlive this process. */
export function startProcess(
  program: string,
  args: readonly string[],
  options: ProcessOptions = {},
): ManagedProcess {
  const stopSignal = options.stopSignal ?? "SIGTERM";
  const stopTimeoutMs = options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
  const removeAfterExit = options.removeAfterExit ?? [];
  const child = spawn(program, args, {
    detached: true,
    stdio: ["ignore", options.output ?? "pipe", options.output ?? "pipe"],
    ...(options.env ? { env: options.env } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.uid === undefined ? {} : { uid: options.uid }),
    ...(options.gid === undefined ? {} : { gid: options.gid }),
  });
  const watchdog =
    child.pid === undefined
      ? undefined
      : startWatchdog(child.pid, stopSignal, stopTimeoutMs, removeAfterExit);

  const exited = new Promise<ProcessExit>((resolve) => {
    const finish = (exit: ProcessExit) => {
      // Whatever the program forked goes with it, and so does the watchdog, its job done.
      killGroup(child, "SIGKILL");
      watchdog?.kill("SIGKILL");
      for (const path of removeAfterExit) rmSync(path, { recursive: true, force: true });
      resolve(exit);
    };
    child.once("exit", (code, signal) => finish({ code, signal }));
    // A program that cannot be run at all (ENOENT, EACCES) emits "error" and never "exit".
    child.once("error", () => {
      if (child.pid === undefined) finish({ code: null, signal: null });
    });
  });

  const running = () => child.exitCode === null && child.signalCode === null && child.pid !== undefined;
  return {
    child,
    pid: child.pid ?? 0,
    exited,
    running,
    holdParent(hold) {
      for (const handle of [child, child.stdout, child.stderr]) {
        const refable = handle as { ref?: () => void; unref?: () => void } | null;
        if (hold) refable?.ref?.();
        else refable?.unref?.();
      }
    },
    async stop() {
      if (running()) {
        killGroup(child, stopSignal);
        const deadline = setTimeout(() => killGroup(child, "SIGKILL"), stopTimeoutMs);
        await exited;
        clearTimeout(deadline);
      }
      await exited;
    },
  };
}

/**
 * The watchdog (watchdog.cjs) holds the read end of a pipe from this process; when the pipe closes,
 * which the kernel does whenever this process ends, it stops the group as stop() would. Chosen over
 * `setpriv --pdeathsig` (Linux only, reaches the direct child but not what it forks, and fires when
 * the spawning thread ends) and over a preload that watches stdin (Node programs only).
 */
function startWatchdog(
  pid: number,
  stopSignal: NodeJS.Signals,
  stopTimeoutMs: number,
  removeAfterExit: readonly string[],
): ChildProcess {
  const watchdog = spawn(process.execPath, [WATCHDOG], {
    detached: true,
    stdio: ["pipe", "ignore", "ignore"],
    env: {
      NOTEBOOK_IMAGE_WATCHDOG: JSON.stringify({ group: pid, stopSignal, stopTimeoutMs, removeAfterExit }),
    },
  });
  // The watchdog never keeps this process alive: its whole point is to act once this process is gone.
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return watchdog;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}
