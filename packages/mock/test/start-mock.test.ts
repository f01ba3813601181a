// startMock() itself: it starts Prism on a free port, reports Prism's own reason when it cannot
// start, and leaves no process behind however it ends.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { bundledSpecPath, type MockServer, startMock } from "../src/index.js";
import { createImagePath, tokenHeaders, validRequestBody } from "./support/contract.js";
import { groupAlive, stdoutLines } from "./support/processes.js";

const scratch = mkdtempSync(join(tmpdir(), "mock-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The directory of the private copy of the spec that the Prism process `pid` serves, read from its command line (Linux). */
function snapshotOf(pid: number): string {
  const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  const spec = args.find((arg) => arg.startsWith(join(tmpdir(), "notebook-image-mock-")));
  if (!spec) throw new Error(`Prism ${pid} serves no private copy of the spec: ${args.join(" ")}`);
  return dirname(spec);
}

const createImage = (url: string) =>
  fetch(`${url}${createImagePath()}`, {
    method: "POST",
    headers: tokenHeaders,
    body: JSON.stringify(validRequestBody),
  });

describe("startMock()", () => {
  // Two mocks started at once, as two test files would, serve the first three tests (a Prism start
  // costs ~3 CPU-s): one plain, one handing its log to `log`.
  const lines: string[] = [];
  let plain: MockServer;
  let logged: MockServer;
  beforeAll(async () => {
    [plain, logged] = await Promise.all([startMock(), startMock({ log: (line) => lines.push(line) })]);
  });
  afterAll(async () => {
    await Promise.all([plain?.close(), logged?.close()]);
  });

  it("serves the bundled spec on a free loopback port, and close() ends Prism's process group", async () => {
    expect(plain.url).toBe(`http://127.0.0.1:${plain.port}`);
    expect(plain.port).toBeGreaterThan(0);
    const response = await createImage(plain.url);
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    expect(groupAlive(plain.pid)).toBe(true);

    await plain.close();
    expect(groupAlive(plain.pid)).toBe(false);
    await expect(createImage(plain.url)).rejects.toThrow();
    await plain.close(); // a second close is harmless
  });

  it("hands Prism's request log to `log`, with no credential in it", async () => {
    const secret = "log-test-token-never-printed";
    const response = await fetch(`${logged.url}${createImagePath()}`, {
      method: "POST",
      headers: { ...tokenHeaders, "x-auth-token": secret },
      body: JSON.stringify(validRequestBody),
    });
    await response.arrayBuffer();
    await vi.waitFor(() => expect(lines.join("\n")).toMatch(/Responding with "200"/), { timeout: 30_000 });
    expect(lines.join("\n")).toMatch(/Request received/);
    expect(lines.join("\n")).not.toContain(secret);
  });

  it("gives two mocks two different ports", () => {
    expect(plain.port).not.toBe(logged.port);
  });

  it("rejects with Prism's own message when the document cannot be parsed", async () => {
    const broken = join(scratch, "broken.yaml");
    writeFileSync(broken, "openapi: 3.1.0\ninfo: {title: x\n");
    await expect(startMock({ spec: broken })).rejects.toThrow(/Error parsing .*broken\.yaml/);
  });

  it("rejects naming the document when it does not exist", async () => {
    await expect(startMock({ spec: join(scratch, "missing.yaml") })).rejects.toThrow(
      /Cannot read the OpenAPI document .*missing\.yaml: ENOENT/,
    );
  });

  it("rejects with Prism's own message when the port is taken", async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      await expect(startMock({ port })).rejects.toThrow(new RegExp(`EADDRINUSE.*${port}`));
    } finally {
      server.close();
    }
  });

  it("does not outlive the process that started it, even when that process is SIGKILLed", async () => {
    const parent = spawn(
      process.execPath,
      [new URL("./support/start-and-wait.mjs", import.meta.url).pathname],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    onTestFinished(() => {
      parent.kill("SIGKILL");
    });
    const [, pid] = await stdoutLines(parent).waitFor(/^prism-pid (\d+)$/);
    expect(groupAlive(Number(pid))).toBe(true);
    const snapshot = snapshotOf(Number(pid));
    expect(existsSync(snapshot)).toBe(true);
    parent.kill("SIGKILL");
    await vi.waitFor(() => expect(groupAlive(Number(pid))).toBe(false), { timeout: 30_000, interval: 100 });
    // The devkit's watchdog removes Prism's private copy of the spec once the group has ended (the
    // parent could not): a moment after the group, so waited for too.
    await vi.waitFor(() => expect(existsSync(snapshot)).toBe(false), { timeout: 10_000, interval: 50 });
  });
});

describe("the spec file the mock serves", () => {
  it("is reloaded when it changes with watch: true, and a private copy by default", async () => {
    const source = join(scratch, "openapi.yaml");
    writeFileSync(source, readFileSync(bundledSpecPath()));
    const watching = await startMock({ spec: source, watch: true });
    const snapshot = await startMock({ spec: source });
    const imageName = async (url: string) =>
      ((await (await createImage(url)).json()) as { name: string }).name;
    try {
      const before = await imageName(watching.url);
      writeFileSync(
        source,
        readFileSync(source, "utf8").replaceAll(`name: ${before}`, "name: reloaded-image"),
      );
      await vi.waitFor(async () => expect(await imageName(watching.url)).toBe("reloaded-image"), {
        timeout: 30_000,
        interval: 250,
      });
      // The watching mock has seen the change; the snapshot, started on the same file, has not.
      expect(await imageName(snapshot.url)).toBe(before);
    } finally {
      await Promise.all([watching.close(), snapshot.close()]);
    }
  });
});
