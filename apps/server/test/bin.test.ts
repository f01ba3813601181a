// The notebook-image-server command, as a user runs it: the built bin in a child process.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { DEV_NAMESPACE, DEV_NOTEBOOK_ID, DEV_PROJECT_ID } from "../src/domain/seed.js";
import { DEV_CREDENTIALS } from "../src/server.js";
import { pathOf, until } from "./support/harness.js";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const running = new Set<ChildProcess>();
const dirs: string[] = [];
afterEach(() => {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The bin in a child process, its output collected as it comes. */
function spawnBin(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  const output = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk) => {
    output.stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output.stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    // "close", not "exit": by then every byte the bin printed has been read.
    child.on("close", (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return { child, output, exited };
}

interface Started {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts the bin and resolves once it printed its URL (at most 60 s: opening PGlite is slow on a loaded machine). */
function start(args: string[]): Promise<Started> {
  const { child, output, exited } = spawnBin(args);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no URL printed in 60 s:\n${output.stdout}\n${output.stderr}`)),
      60_000,
    );
    child.stdout.on("data", () => {
      const match = /listening on (http:\/\/\S+)/.exec(output.stdout);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        child,
        url: match[1] as string,
        stdout: () => output.stdout,
        stderr: () => output.stderr,
        exited,
      });
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening:\n${output.stdout}\n${output.stderr}`));
    });
  });
}

/** Runs the bin to its end (at most 60 s). */
async function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { output, exited } = spawnBin(args);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("the bin did not exit in 60 s")), 60_000);
  });
  const code = await Promise.race([exited, timeout]).finally(() => clearTimeout(timer));
  return { code, ...output };
}

describe("notebook-image-server", () => {
  it("with --port 0 prints the URL it listens on and the development credentials, and serves the README's notebook", async () => {
    const server = await start([
      "--port",
      "0",
      "--in-memory",
      "--log-level",
      "silent",
      "--transitions",
      "immediate",
    ]);
    expect(server.stdout()).toContain(DEV_CREDENTIALS.token);
    expect(server.stdout()).toContain(DEV_CREDENTIALS.accessKey);
    expect(server.stdout()).toContain(DEV_PROJECT_ID);
    const response = await fetch(
      `${server.url}${pathOf("createImage", { project_id: DEV_PROJECT_ID, id: DEV_NOTEBOOK_ID })}`,
      {
        method: "POST",
        headers: { "content-type": "application/json", "x-auth-token": DEV_CREDENTIALS.token },
        body: JSON.stringify({ name: "from-the-bin", namespace: DEV_NAMESPACE }),
        signal: AbortSignal.timeout(10_000),
      },
    );
    expect(response.status).toBe(200);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(server.stderr()).toContain("SIGTERM, closing");
  });

  it("masks secrets it was given, showing only the development ones in full", async () => {
    const server = await start([
      "--port",
      "0",
      "--in-memory",
      "--log-level",
      "silent",
      "--token",
      "a-private-team-token",
      "--access-key",
      "TEAMAK",
      "--secret-key",
      "a-private-secret-key",
    ]);
    expect(server.stdout()).not.toContain("a-private-team-token");
    expect(server.stdout()).not.toContain("a-private-secret-key");
    expect(server.stdout()).toContain("TEAMAK");
    server.child.kill("SIGINT");
    expect(await server.exited).toBe(0);
  });

  it("keeps its state in --data-dir across a restart, and refuses a second server on the same dir", async () => {
    const dir = mkdtempSync(join(tmpdir(), "server-bin-"));
    dirs.push(dir);
    const args = [
      "--port",
      "0",
      "--data-dir",
      join(dir, "data"),
      "--log-level",
      "silent",
      "--transitions",
      "immediate",
    ];
    const headers = { "content-type": "application/json", "x-auth-token": DEV_CREDENTIALS.token };
    const first = await start(args);
    const created = await fetch(
      `${first.url}${pathOf("createImage", { project_id: DEV_PROJECT_ID, id: DEV_NOTEBOOK_ID })}`,
      {
        method: "POST",
        headers,
        body: JSON.stringify({ name: "kept", namespace: DEV_NAMESPACE }),
        signal: AbortSignal.timeout(10_000),
      },
    );
    const image = (await created.json()) as { id: string };
    const showPath = pathOf("ShowImage", { project_id: DEV_PROJECT_ID, id: image.id });
    const status = async (url: string) =>
      (
        (await (
          await fetch(`${url}${showPath}`, { headers, signal: AbortSignal.timeout(10_000) })
        ).json()) as { status: string }
      ).status;
    await until(
      () => status(first.url),
      (s) => s === "ACTIVE",
    );

    const second = await run(args);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(join(dir, "data"));
    expect(second.stderr).not.toMatch(/\n\s+at /);

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    const again = await start(args);
    expect(await status(again.url)).toBe("ACTIVE");
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);
  }, 240_000);

  it("refuses a bad flag with the reason and exit code 2, without a stack trace", async () => {
    const result = await run(["--port", "seventy"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--port must be a whole number");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses a project id that breaks the spec's rule, with exit code 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "server-bin-"));
    dirs.push(dir);
    const result = await run([
      "--port",
      "0",
      "--data-dir",
      join(dir, "data"),
      "--project-id",
      "not a project",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("not a project");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("--help describes every flag", async () => {
    const result = await run(["--help"]);
    expect(result.code).toBe(0);
    for (const flag of [
      "--port",
      "--host",
      "--data-dir",
      "--in-memory",
      "--database-url",
      "--project-id",
      "--token",
      "--access-key",
      "--secret-key",
      "--namespace",
      "--registry-host",
      "--engine",
      "--control-token",
    ]) {
      expect(result.stdout).toContain(flag);
    }
  });
});
