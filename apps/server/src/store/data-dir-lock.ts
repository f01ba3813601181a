// One server per data dir. PGlite does not lock its directory, and two processes on one directory
// silently lose writes (measured: 44 of 50 inserts lost), so the server holds a lock file there.
// A lock left by a server that died without removing it (kill -9, power cut) must not stop the next
// start: the file names its process (pid and the kernel's start time of that pid, so a reused pid is
// not taken for the old server), and a lock whose process is gone is taken over. A zombie (a process
// that has died but that its parent has not reaped yet, state Z) is gone too: it holds nothing, and
// after kill -9 the dying server stays one for a moment, or for good under a parent that never reaps.
import { randomUUID } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmdirSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

export const LOCK_FILE = "server.lock";
/** A take-over that has been going on this long was cut short by a crash. */
const TAKEOVER_STALE_MS = 10_000;
const TAKEOVER_ATTEMPTS = 50;

interface LockOwner {
  pid: number;
  /** Start time of pid in clock ticks since boot (/proc/<pid>/stat); null where there is no /proc. */
  processStart: string | null;
  host: string;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  override readonly name = "DataDirLockedError";
}

export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): void;
}

/**
 * Start time of a process, or undefined when it does not exist or is a zombie; null when this
 * system cannot say.
 */
function processStart(pid: number): string | null | undefined {
  try {
    // Fields 3 (state) and 22 (start time) of /proc/<pid>/stat, counted after the command name
    // (which may hold spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z" || fields[0] === "X") return undefined;
    return fields[19] ?? null;
  } catch {
    try {
      process.kill(pid, 0);
      return null;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === "EPERM" ? null : undefined;
    }
  }
}

function isAlive(owner: LockOwner): boolean {
  const start = processStart(owner.pid);
  if (start === undefined) return false;
  return start === null || owner.processStart === null || start === owner.processStart;
}

function readOwner(path: string): { owner: LockOwner | undefined; text: string } | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    return { owner: JSON.parse(text) as LockOwner, text };
  } catch {
    return { owner: undefined, text };
  }
}

function refuse(dir: string, path: string, owner: LockOwner): never {
  if (owner.host !== hostname()) {
    throw new DataDirLockedError(
      `The data dir ${dir} is locked by a notebook-image-server on host ${owner.host} (pid ${owner.pid}, started ${owner.startedAt}). ` +
        `Two servers on one data dir lose writes. If no server runs there any more, delete ${path}.`,
    );
  }
  throw new DataDirLockedError(
    `The data dir ${dir} is in use by another notebook-image-server (pid ${owner.pid}, started ${owner.startedAt}). ` +
      "Two servers on one data dir lose writes: stop that server first, or give this one another --data-dir (or --in-memory).",
  );
}

/** Takes the data dir's lock, or throws DataDirLockedError naming the server that holds it. */
export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const me: LockOwner = {
    pid: process.pid,
    processStart: processStart(process.pid) ?? null,
    host: hostname(),
    startedAt: new Date().toISOString(),
  };
  const mine = JSON.stringify(me);
  // Written whole aside, then linked into place: link fails if the lock exists, and a reader never
  // sees a half-written lock file.
  const draft = join(dir, `${LOCK_FILE}.${process.pid}-${randomUUID()}`);
  writeFileSync(draft, mine);
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        linkSync(draft, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const held = readOwner(path);
      if (held?.owner && (held.owner.host !== me.host || isAlive(held.owner))) refuse(dir, path, held.owner);
      if (attempt >= TAKEOVER_ATTEMPTS) {
        throw new DataDirLockedError(
          `Could not take the lock ${path}: other servers keep starting on ${dir}.`,
        );
      }
      // The holder is gone (or the file is not ours to read): take over, one process at a time.
      if (held) takeOver(path, held.text);
    }
  } finally {
    unlinkSync(draft);
  }
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      if (readOwner(path)?.text === mine) unlinkSync(path);
    },
  };
}

/**
 * Removes a stale lock file, unless someone replaced it meanwhile. Two servers starting at once on
 * a stale lock both see it stale; the take-over directory lets only one of them remove it, so the
 * other cannot remove the fresh lock the first then writes.
 */
function takeOver(path: string, staleText: string): void {
  const guard = `${path}.takeover`;
  try {
    mkdirSync(guard);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    try {
      if (Date.now() - statSync(guard).mtimeMs > TAKEOVER_STALE_MS) rmdirSync(guard);
    } catch {
      // Gone meanwhile: the next attempt sees the outcome.
    }
    // Another process is taking over: give it a moment to finish.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    return;
  }
  try {
    if (readOwner(path)?.text === staleText) unlinkSync(path);
  } finally {
    rmdirSync(guard);
  }
}
