// The notebook-image-server command, as a user runs it: the built bin in a child process. This file
// holds what depends on the Node.js release (test:node22 and test:node24 run it too): the bin
// starts, serves, ends on a signal, parses its flags, and reports a port in use; what it prints
// beyond that is bin-output.test.ts's, and its data dir across a restart bin-data-dir.test.ts's.
import { readFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { DEV_NAMESPACE, DEV_NOTEBOOK_ID, DEV_PROJECT_ID } from "../src/domain/seed.js";
import { DEV_CREDENTIALS } from "../src/server.js";
import {
  cleanUpBins,
  QUIET_IN_MEMORY_ARGS,
  runBin as run,
  startBin as start,
} from "./support/bin-process.js";
import { pathOf } from "./support/harness.js";

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};
afterEach(cleanUpBins);

/** The environment with a preload that writes each module the bin loads to stderr ("module <url>"). */
const reportingModules = {
  ...process.env,
  NODE_OPTIONS: `--import ${fileURLToPath(new URL("./fixtures/report-loaded-modules.mjs", import.meta.url))}`,
};
const loadedModules = (stderr: string) => stderr.split("\n").filter((line) => line.startsWith("module "));

describe("notebook-image-server", () => {
  it("with --port 0 prints the URL it listens on and the development credentials, and serves the README's notebook", async () => {
    const server = await start([...QUIET_IN_MEMORY_ARGS, "--transitions", "immediate"], reportingModules);
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
    // On PGlite, PostgreSQL's driver is never loaded (it is, only for --database-url).
    expect(loadedModules(server.stderr()).some((line) => line.includes("/pglite/"))).toBe(true);
    expect(loadedModules(server.stderr()).filter((line) => /\/node_modules\/pg\//.test(line))).toEqual([]);
  });

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

  it("answers --help, --version and a flag mistake without loading the server's modules", async () => {
    for (const args of [["--help"], ["--version"], ["--port", "seventy"]]) {
      const result = await run(args, reportingModules);
      const loaded = loadedModules(result.stderr);
      // The settings' own modules are seen (so the hook works)…
      expect(loaded.some((line) => line.endsWith("/dist/config.js"))).toBe(true);
      // …and none of the server's: the HTTP framework, the query builder, the database.
      expect(loaded.filter((line) => /\/(fastify|kysely|pglite|pg|ajv)\//.test(line))).toEqual([]);
    }
  });

  it("--version prints the package's version", async () => {
    const result = await run(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${manifest.version}\n`);
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
