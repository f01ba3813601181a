// The notebook-image-server command, as a user runs it: the built bin in a child process. This file
// holds what depends on the Node.js release (test:node22 and test:node24 run it too): the bin
// starts, serves, ends on a signal, keeps and locks its data dir, parses its flags, and reports a
// port in use; what it prints beyond that is bin-output.test.ts's.
import { type AddressInfo, createServer } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEV_NAMESPACE, DEV_NOTEBOOK_ID, DEV_PROJECT_ID } from "../src/domain/seed.js";
import { DEV_CREDENTIALS } from "../src/server.js";
import {
  binTempDir,
  cleanUpBins,
  QUIET_IN_MEMORY_ARGS,
  runBin as run,
  startBin as start,
} from "./support/bin-process.js";
import { pathOf, until } from "./support/harness.js";

afterEach(cleanUpBins);

describe("notebook-image-server", () => {
  it("with --port 0 prints the URL it listens on and the development credentials, and serves the README's notebook", async () => {
    const server = await start([...QUIET_IN_MEMORY_ARGS, "--transitions", "immediate"]);
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

  it("keeps its state in --data-dir across a restart, and refuses a second server on the same dir", async () => {
    const dir = binTempDir();
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
