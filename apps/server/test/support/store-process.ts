// Runs test/fixtures/hold-store.mjs in a child process and follows what it says.
import type { ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { startProcess } from "@notebook-image/devkit";

export interface StoreProcess {
  child: ChildProcess;
  /** Every message the child printed so far. */
  messages: Record<string, unknown>[];
  /** Resolves with the first message that has this key; rejects if the child exits first or after limitMs. */
  next(key: string, limitMs?: number): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

const FIXTURE = new URL("../fixtures/hold-store.mjs", import.meta.url).pathname;

/**
 * The fixture holding the store of `dataDir`. The tests kill it themselves (SIGKILL is the crash they
 * test); one left running (a failed test, a torn-down worker) is ended by the devkit's watchdog when
 * this process ends.
 */
export function startStoreProcess(dataDir: string, inserts = 0): StoreProcess {
  const { child } = startProcess(process.execPath, [FIXTURE, dataDir, String(inserts)]);
  // What the fixture prints on stderr (an error of PGlite's, say) shows in the test's output.
  child.stderr?.pipe(process.stderr);
  const messages: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  if (child.stdout)
    createInterface({ input: child.stdout }).on("line", (line) => {
      messages.push(JSON.parse(line) as Record<string, unknown>);
      for (const wake of waiters.splice(0)) wake();
    });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      for (const wake of waiters.splice(0)) wake();
      resolve(code);
    }),
  );
  const next = (key: string, limitMs = 30_000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const deadline = setTimeout(
        () => reject(new Error(`no "${key}" from the store process within ${limitMs} ms`)),
        limitMs,
      );
      const check = () => {
        const found = messages.find((message) => key in message);
        if (found) {
          clearTimeout(deadline);
          resolve(found);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          clearTimeout(deadline);
          reject(
            new Error(
              `the store process ended (${child.exitCode ?? child.signalCode}) without "${key}": ${JSON.stringify(messages)}`,
            ),
          );
        } else {
          waiters.push(check);
        }
      };
      check();
    });
  return { child, messages, next, exited };
}
