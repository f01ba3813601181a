// What the notebook-image-server command prints, as a user runs it (the built bin in a child
// process): secrets masked, readable logs, refusals of its input, the warning off loopback. Run on
// the default Node.js release only: the bin's start, signals and data dir on every release are
// bin.test.ts's.
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEV_PROJECT_ID } from "../src/domain/seed.js";
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
  it("masks secrets it was given, showing only the development ones in full", async () => {
    const server = await start([
      ...QUIET_IN_MEMORY_ARGS,
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

  it("refuses a project id that breaks the spec's rule, with exit code 1", async () => {
    const dir = binTempDir();
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

    const server = await start(["--host", "0.0.0.0", ...QUIET_IN_MEMORY_ARGS, "--token", "a-team-token"]);
    expect(server.stderr()).toContain("warning: bound to 0.0.0.0");
    // The control API is off there (no --control-token): the banner says so, instead of a URL that answers 404.
    expect(server.stdout()).toContain("control API  off");
    expect(server.stdout()).not.toContain("/_control/health");
    const health = await fetch(`http://127.0.0.1:${new URL(server.url).port}/_control/health`, {
      signal: AbortSignal.timeout(10_000),
    });
    expect(health.status).toBe(404);
  });
});
