// The data dir's lock with real processes: one server per dir, a crashed server's lock does not
// block the next start and kill -9 loses no committed write, a stale, reused or foreign lock. What
// these depend on is the Node.js release's (its fs, signals and child processes, PGlite's
// WebAssembly on its V8): test:node22 and test:node24 run this file. The template a new dir is
// filled from: data-dir.test.ts.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULTS } from "../../test/support/storage-backends.js";
import { startStoreProcess } from "../../test/support/store-process.js";
import { tempDirs } from "../../test/support/temp-dirs.js";
import { DataDirLockedError, LOCK_FILE, lockDataDir } from "./data-dir-lock.js";
import { openStore } from "./open-store.js";

const newDir = tempDirs("notebook-image-data-dir-test-");

/** A pid that no process has: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid ?? 0;
}

const lockOf = (fields: Record<string, unknown>) =>
  JSON.stringify({
    pid: 1,
    processStart: null,
    host: hostname(),
    startedAt: "2026-01-01T00:00:00.000Z",
    ...fields,
  });

describe("the data dir's lock", () => {
  it("refuses a second server on a data dir in use, naming the one that holds it", async () => {
    const dir = newDir();
    const first = startStoreProcess(dir);
    const { opened } = await first.next("opened");
    const second = startStoreProcess(dir);
    const outcome = await Promise.race([second.next("opened"), second.next("refused")]);
    expect(outcome).not.toHaveProperty("opened");
    const { refused, name } = outcome;
    expect(name).toBe("DataDirLockedError");
    expect(refused).toContain(`pid ${opened}`);
    expect(refused).toContain(dir);
    expect(await second.exited).toBe(3);
    // Refused in this process too, and the holder is untouched.
    await expect(openStore({ dataDir: dir, defaults: DEFAULTS })).rejects.toBeInstanceOf(DataDirLockedError);
    expect(first.child.exitCode).toBeNull();
    first.child.kill("SIGKILL");
    await first.exited;
  });

  it("starts after a server killed with SIGKILL, with every write it had committed", async () => {
    const dir = newDir();
    const crashed = startStoreProcess(dir, 1_000);
    // Killed in the middle of its inserts.
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (crashed.messages.filter((m) => "inserted" in m).length >= 20) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
      void crashed.exited.then(() => {
        clearInterval(poll);
        reject(new Error("the store process ended before it was killed"));
      });
    });
    crashed.child.kill("SIGKILL");
    await crashed.exited;
    const committed = crashed.messages.flatMap((m) => ("inserted" in m ? [String(m.inserted)] : []));
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);

    const store = await openStore({ dataDir: dir, defaults: DEFAULTS });
    try {
      const stored = new Set((await store.notebooks.list("p")).map((n) => n.id));
      expect(committed.filter((id) => !stored.has(id))).toEqual([]);
      expect(committed.length).toBeGreaterThanOrEqual(20);
    } finally {
      await store.close();
    }
    // close() gives the data dir back.
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("lets exactly one of several servers starting at once on a stale lock have the data dir", async () => {
    const dir = newDir();
    writeFileSync(join(dir, LOCK_FILE), lockOf({ pid: await deadPid() }));
    const starters = Array.from({ length: 4 }, () => startStoreProcess(dir));
    const outcomes = await Promise.all(
      starters.map((p) =>
        Promise.race([p.next("opened").then(() => "opened"), p.next("refused").then(() => "refused")]),
      ),
    );
    expect(outcomes.filter((o) => o === "opened")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "refused")).toHaveLength(3);
    for (const p of starters) p.child.kill("SIGKILL");
    await Promise.all(starters.map((p) => p.exited));
  });

  it("takes over a lock whose pid now belongs to another process, and refuses one from another host", async () => {
    const dir = newDir();
    // pid 1 is alive, but it started long before the recorded start time: the pid was reused.
    writeFileSync(join(dir, LOCK_FILE), lockOf({ pid: 1, processStart: "999999999999" }));
    const lock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8"))).toMatchObject({ pid: process.pid });
    // A second lock in the same process is refused too: this process is alive.
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    lock.release();
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);

    writeFileSync(join(dir, LOCK_FILE), lockOf({ host: "elsewhere", pid: await deadPid() }));
    expect(() => lockDataDir(dir)).toThrow(/host elsewhere.*delete/);
  });

  it("takes over a lock whose process is a zombie: killed, not yet reaped by its parent", async () => {
    const dir = newDir();
    // sh starts a background sleep, prints its pid, then becomes a sleep that never reaps it: the
    // background sleep, once killed, stays a zombie until this test ends the parent.
    const parent = spawn("sh", ["-c", "sleep 60 & echo $!; exec sleep 60"], {
      stdio: ["ignore", "pipe", "ignore"],
    });
    try {
      const pid = Number(
        await new Promise<string>((resolve) => parent.stdout.once("data", (d) => resolve(String(d)))),
      );
      const stat = () => {
        const text = readFileSync(`/proc/${pid}/stat`, "utf8");
        return text.slice(text.lastIndexOf(")") + 2).split(" ");
      };
      writeFileSync(join(dir, LOCK_FILE), lockOf({ pid, processStart: stat()[19] }));
      // Alive, the process holds its lock.
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      // Killed only once sh has become sleep: sh itself reaps a finished job before its next
      // command, and on a loaded machine the kill could land before the exec.
      for (let i = 0; readFileSync(`/proc/${parent.pid}/comm`, "utf8") !== "sleep\n"; i++) {
        if (i > 500) throw new Error(`sh (pid ${parent.pid}) never became sleep`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      process.kill(pid, "SIGKILL");
      for (let i = 0; stat()[0] !== "Z"; i++) {
        if (i > 500) throw new Error(`pid ${pid} never became a zombie`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const lock = lockDataDir(dir);
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8"))).toMatchObject({ pid: process.pid });
      lock.release();
    } finally {
      parent.kill("SIGKILL");
    }
  });
});
