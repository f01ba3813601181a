// Helpers to observe processes from the tests: whether a process group is still alive, and the
// lines a child process prints.
import type { ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

/** True while any process of the group led by `pid` is alive. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads the child's stdout line by line from now on; `waitFor` resolves with the first match of a
 * pattern among the lines read so far and those to come, and rejects if the child exits first.
 */
export function stdoutLines(child: ChildProcess) {
  if (!child.stdout) throw new Error("the child's stdout is not piped");
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout }).on("line", (line) => {
    lines.push(line);
    for (const check of waiters) check();
  });
  return {
    lines,
    waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
      return new Promise((resolve, reject) => {
        const onExit = (code: number | null) => {
          waiters.delete(check);
          reject(new Error(`exited with ${code} before printing ${pattern}`));
        };
        const check = () => {
          const match = lines.map((line) => pattern.exec(line)).find((found) => found !== null);
          if (!match) return;
          waiters.delete(check);
          child.off("exit", onExit);
          resolve(match);
        };
        waiters.add(check);
        child.once("exit", onExit);
        check();
      });
    },
  };
}

/** Resolves with the child's exit code once it has ended. */
export function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}
