// startProcess(): the child leads its own process group, stop() ends the whole group (SIGKILL when
// the stop signal is ignored), its paths are removed, and nothing outlives a parent killed with
// SIGKILL. Real processes throughout; "gone" is read from /proc.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { startProcess } from "../src/index.js";
import { alive, firstLine } from "./support.js";

const GROUP = fileURLToPath(new URL("./fixtures/group.mjs", import.meta.url));
const PARENT = fileURLToPath(new URL("./fixtures/parent.mjs", import.meta.url));

interface Started {
  pid: number;
  forked: number;
}

describe("startProcess()", () => {
  it("runs the program in its own process group; stop() ends it and what it forked, and removes its paths", async () => {
    const dir = mkdtempSync(join(tmpdir(), "devkit-test-"));
    const program = startProcess(process.execPath, [GROUP], { removeAfterExit: [dir] });
    onTestFinished(() => program.stop());
    const started = await firstLine<Started>(program.child);
    expect(started.pid).toBe(program.pid);
    expect(alive(started.forked)).toBe(true);
    expect(program.running()).toBe(true);

    await program.stop();
    expect(await program.exited).toEqual({ code: null, signal: "SIGTERM" });
    expect(program.running()).toBe(false);
    expect(existsSync(dir)).toBe(false);
    // SIGKILL is sent to the group before stop() resolves; the kernel may take a moment to end it.
    await vi.waitFor(() => expect(alive(started.forked)).toBe(false), { timeout: 5_000, interval: 20 });
    await program.stop(); // a second stop is harmless
  });

  it("sends SIGKILL when the program ignores the stop signal past the time limit", async () => {
    const program = startProcess(process.execPath, [GROUP, "ignore-term"], { stopTimeoutMs: 500 });
    onTestFinished(() => program.stop());
    const started = await firstLine<Started>(program.child);

    await program.stop();
    expect(await program.exited).toEqual({ code: null, signal: "SIGKILL" });
    await vi.waitFor(() => expect(alive(started.forked)).toBe(false), { timeout: 5_000, interval: 20 });
  });

  it("sends the stop signal it is given", async () => {
    const program = startProcess(process.execPath, [GROUP], { stopSignal: "SIGINT" });
    onTestFinished(() => program.stop());
    await firstLine<Started>(program.child);
    await program.stop();
    expect(await program.exited).toEqual({ code: null, signal: "SIGINT" });
  });

  it("ends the group and removes its paths when the program's parent is killed with SIGKILL", async () => {
    const parent = spawn(process.execPath, [PARENT, "ignore-term"], { stdio: ["ignore", "pipe", "inherit"] });
    onTestFinished(() => {
      parent.kill("SIGKILL");
    });
    const started = await firstLine<Started & { dir: string }>(parent);
    expect(alive(started.pid)).toBe(true);
    expect(existsSync(started.dir)).toBe(true);

    parent.kill("SIGKILL");
    // The program ignores SIGTERM: the watchdog must follow with SIGKILL after the parent's 1 s limit.
    await vi.waitFor(
      () => {
        expect(alive(started.pid)).toBe(false);
        expect(alive(started.forked)).toBe(false);
        expect(existsSync(started.dir)).toBe(false);
      },
      { timeout: 20_000, interval: 100 },
    );
  });

  it("settles `exited` when the program cannot be run at all", async () => {
    const program = startProcess(join(tmpdir(), "devkit-no-such-program"), []);
    const failure = new Promise<Error>((resolve) => program.child.once("error", resolve));
    expect((await failure).message).toMatch(/ENOENT/);
    expect(await program.exited).toEqual({ code: null, signal: null });
    expect(program.running()).toBe(false);
  });

  it("registers no exit handler by being imported", async () => {
    const script = `const before = process.listenerCount("exit");
      await import("@notebook-image/devkit");
      await import("@notebook-image/devkit/browser");
      console.log(JSON.stringify([before, process.listenerCount("exit")]));`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      cwd: fileURLToPath(new URL(".", import.meta.url)),
      stdio: ["ignore", "pipe", "inherit"],
    });
    const [before, after] = await firstLine<[number, number]>(child);
    expect(after).toBe(before);
  });
});
