// `pnpm dev:engine` as a person runs it: the script in a child process, the commands it prints run
// as printed (through a shell), a save made with the client, and the terminal closed under it.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createNotebookImageClient } from "@notebook-image/client";
import { findProgram, mountsUnder, processesUsing } from "@notebook-image/engine-host";
import { afterAll, describe, expect, it } from "vitest";
import { DEV_CREDENTIALS, DEV_NAMESPACE, DEV_NOTEBOOK_ID, DEV_PROJECT_ID } from "../src/index.js";

const SCRIPT = fileURLToPath(new URL("../scripts/dev-engine.mjs", import.meta.url));
const sh = promisify(execFile);
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill("SIGTERM");
});

/** The script in a child process, its output collected; `prefix` runs it under another command. */
function startDevEngine(args: readonly string[], prefix: readonly string[] = []) {
  const [command, ...rest] = [...prefix, process.execPath, SCRIPT, ...args] as [string, ...string[]];
  const child = spawn(command, rest, { stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on("close", (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return { child, output: () => output, exited };
}

/** The text after `dev:engine: <label>` in the output. */
function printed(output: string, label: string): string {
  const line = output.split("\n").find((text) => text.startsWith(`dev:engine: ${label} `));
  if (line === undefined) throw new Error(`no "${label}" line in:\n${output}`);
  return line.slice(`dev:engine: ${label} `.length).trim();
}

describe("pnpm dev:engine (scripts/dev-engine.mjs)", () => {
  it("serves a server whose saves are pullable with the changes, by the commands it prints; a closed terminal removes everything", async () => {
    // `--` as `pnpm dev:engine -- --port 0` hands it on: the script drops it.
    const run = startDevEngine(["--", "--port", "0", "--log-level", "warn"]);
    await expect
      .poll(() => /listening on http:\/\/\S+/.test(run.output()) || run.child.exitCode !== null, {
        timeout: 120_000,
        interval: 200,
      })
      .toBe(true);
    const url = /listening on (http:\/\/\S+)/.exec(run.output())?.[1];
    expect(url, run.output()).toBeDefined();
    const dir = /DOCKER_HOST=unix:\/\/(\S+)\/(?:podman|docker)\.sock/.exec(run.output())?.[1] as string;
    expect(existsSync(dir)).toBe(true);

    // Saves turn ACTIVE when the engine is done, not after the simulated delays.
    const health = (await (await fetch(`${url}/_control/health`)).json()) as {
      transitions: { mode: string };
    };
    expect(health.transitions.mode).toBe("immediate");

    await sh("/bin/sh", ["-c", printed(run.output(), "change it")]);
    const client = createNotebookImageClient({
      projectId: DEV_PROJECT_ID,
      baseUrl: url as string,
      auth: { token: DEV_CREDENTIALS.token },
    });
    const image = await client.saveInstanceAsImage(
      DEV_NOTEBOOK_ID,
      { name: "dev-engine-test", namespace: DEV_NAMESPACE, tag: "v1" },
      { wait: { timeoutMs: 120_000, pollIntervalMs: 200 } },
    );
    expect(image.status).toBe("ACTIVE");
    const swrPath = image.swr_path as string;
    const pullAndRun = printed(run.output(), "pull, run").replaceAll("<swr_path>", swrPath);
    expect((await sh("/bin/sh", ["-c", pullAndRun])).stdout).toContain("hi\n");

    // A terminal closed under it: SIGHUP from the kernel, then again from the shell.
    const registryHost = /registry {4}http:\/\/(\S+)/.exec(run.output())?.[1] as string;
    const server = processesUsing(`--registry-host\0${registryHost}`);
    expect(server).toHaveLength(1);
    run.child.kill("SIGHUP");
    // The second once the clean-up runs (two sent at once arrive as one).
    await expect.poll(() => run.output().includes("removing the containers"), { interval: 20 }).toBe(true);
    run.child.kill("SIGHUP");
    expect(await run.exited, run.output()).toBe(0);
    expect(existsSync(dir)).toBe(false);
    expect(processesUsing(dir)).toEqual([]);
    expect(mountsUnder(dir)).toEqual([]);
    expect(server.filter((pid) => existsSync(`/proc/${pid}`))).toEqual([]);
    await expect(fetch(`${url}/_control/health`)).rejects.toThrow();
    // Its waits allow 120 s each (an engine host's start, a save): the suite's 60 s default
    // ended it on a loaded CI machine (72.6 s seen at load 20).
  }, 300_000);

  it("says which program is missing and how to install it, and starts nothing", async () => {
    // runc hidden from this process only: /dev/null (not executable) bound over it in a private mount namespace.
    const runc = findProgram("runc") as string;
    const hide = [
      "unshare",
      "--mount",
      "--propagation",
      "private",
      "sh",
      "-c",
      'mount --bind /dev/null "$0" && exec "$@"',
      runc,
    ];
    const run = startDevEngine([], hide);
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain("- runc (Debian package runc): runs the containers");
    expect(run.output()).toContain("sudo apt-get install runc");
    expect(run.output()).toContain("`pnpm dev`");
    expect(run.output()).not.toContain("removing the containers");
  });
});
