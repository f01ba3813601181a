// No answer: a refused connection and a timeout both exit 4, with no stack trace.
import { afterEach, describe, expect, it } from "vitest";
import { runCli, saveArgs, TOKEN } from "./cli.js";
import { type CountingServer, closedPortUrl, startCountingServer } from "./counting-server.js";
import { expectClean } from "./expect-clean.js";

const tokenEnv = { NOTEBOOK_IMAGE_TOKEN: TOKEN };
let silent: CountingServer | undefined;
afterEach(async () => {
  await silent?.close();
  silent = undefined;
});

describe("transport failures exit 4", () => {
  it("a refused connection is retried (it certainly was not processed), then reported", async () => {
    const result = await runCli(saveArgs(await closedPortUrl(), "--retries", "1"), tokenEnv);
    expectClean(result);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/ECONNREFUSED: trying again in \d+ s/);
    expect(result.stderr).toMatch(
      /error: could not reach the API: POST http:\/\/127\.0\.0\.1:\d+\/v1\/.* failed/,
    );
    expect(result.stderr).toContain("ECONNREFUSED");
  });

  it("a timeout is reported once, never retried, with a warning that the save may have happened", async () => {
    silent = await startCountingServer({ answer: false });
    const result = await runCli(saveArgs(silent.url, "--timeout", "0.5"), tokenEnv);
    expectClean(result);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/timed out after 500 ms/);
    expect(result.stderr).toContain("check before trying again");
    expect(silent.requests).toHaveLength(1);
  });
});
