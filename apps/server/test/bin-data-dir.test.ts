// The notebook-image-server command with a --data-dir, as a user runs it: the built bin in child
// processes, restarted on the same dir. On the default Node.js release only (not in
// vitest.node-releases.config.ts): what it adds to bin.test.ts does not depend on the release, and
// the data dir's lock between processes on every release is src/store/data-dir-lock.test.ts's.
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEV_NAMESPACE, DEV_NOTEBOOK_ID, DEV_PROJECT_ID } from "../src/domain/seed.js";
import { DEV_CREDENTIALS } from "../src/server.js";
import { binTempDir, cleanUpBins, runBin as run, startBin as start } from "./support/bin-process.js";
import { pathOf, until } from "./support/harness.js";

afterEach(cleanUpBins);

describe("notebook-image-server --data-dir", () => {
  it("keeps its state in --data-dir across a restart, and refuses a second server on the same dir", {
    timeout: 240_000,
  }, async () => {
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
  });
});
