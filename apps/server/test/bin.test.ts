// The notebook-image-server command, as a user runs it: the built bin in a child process.
import { mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEV_NAMESPACE, DEV_NOTEBOOK_ID, DEV_PROJECT_ID } from "../src/domain/seed.js";
import { DEV_CREDENTIALS } from "../src/server.js";
import { killBins, runBin as run, startBin as start } from "./support/bin-process.js";
import { pathOf, until } from "./support/harness.js";

const dirs: string[] = [];
afterEach(() => {
  killBins();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

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

  it("on a port another process holds, says so and how to get past it, with exit code 1", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const result = await run(["--port", String(port), "--in-memory"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `address already in use 127.0.0.1:${port}: another process listens there`,
      );
      expect(result.stderr).toContain("pass another --port (0 picks a free one)");
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      taken.close();
    }
  });

  it("with --log-format pretty writes one readable line per request, not JSON", async () => {
    const server = await start(["--port", "0", "--in-memory", "--log-format", "pretty"]);
    const response = await fetch(`${server.url}${pathOf("ListImage", { project_id: DEV_PROJECT_ID })}`, {
      headers: { "x-auth-token": DEV_CREDENTIALS.token },
      signal: AbortSignal.timeout(10_000),
    });
    expect(response.status).toBe(200);
    const requestLine = /^\[\d\d:\d\d:\d\d\] INFO: GET \/v1\/\w+\/images 200 \d+ ms$/;
    await until(
      async () => server.stdout().split("\n"),
      (lines) => lines.some((line) => requestLine.test(line)),
    );
    expect(
      server
        .stdout()
        .split("\n")
        .filter((line) => line.includes("/images")),
    ).toHaveLength(1);
    expect(server.stdout()).not.toContain('{"level"');
  });

  it("refuses an unknown --log-format, naming the ones it knows", async () => {
    const result = await run(["--log-format", "xml", "--in-memory"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--log-format must be json or pretty, not "xml"');
  });

  it("bound off loopback, refuses the public development credentials unless asked, and warns", async () => {
    const refused = await run(["--host", "0.0.0.0", "--port", "0", "--in-memory"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("--allow-dev-credentials");
    expect(refused.stderr).not.toContain("    at ");

    const server = await start([
      "--host",
      "0.0.0.0",
      "--port",
      "0",
      "--in-memory",
      "--log-level",
      "silent",
      "--token",
      "a-team-token",
    ]);
    expect(server.stderr()).toContain("warning: bound to 0.0.0.0");
    // The control API is off there (no --control-token): the banner says so, instead of a URL that answers 404.
    expect(server.stdout()).toContain("control API  off");
    expect(server.stdout()).not.toContain("/_control/health");
    const health = await fetch(`http://127.0.0.1:${new URL(server.url).port}/_control/health`, {
      signal: AbortSignal.timeout(10_000),
    });
    expect(health.status).toBe(404);
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
      "--log-format",
    ]) {
      expect(result.stdout).toContain(flag);
    }
  });
});
