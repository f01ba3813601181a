import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

/**
 * Whether the process `pid` still runs (Linux): a zombie, ended but not yet reaped by whatever
 * adopted it (a container's init may never reap), counts as gone.
 */
export function alive(pid: number): boolean {
  try {
    // The state follows the command name in parentheses, which may itself hold spaces or parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/** The first line a child prints, parsed as JSON. */
export async function firstLine<T>(child: ChildProcess): Promise<T> {
  if (!child.stdout) throw new Error("the child's output is not piped");
  const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
  return JSON.parse(line) as T;
}
