// `pnpm dev:engine` (scripts/dev-engine.mjs) reads the server's flags and tries its port before it
// starts the container engine, the registry and the notebook's container: a taken port or a bad
// flag is said at once, and nothing is started. (test/docker-dev-engine.test.ts runs it whole.)
import { spawn } from "node:child_process";
import { type AddressInfo, createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("../scripts/dev-engine.mjs", import.meta.url));

/** The script to its end, or killed after 30 s (it must not get as far as starting anything). */
function runDevEngine(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 30_000,
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("pnpm dev:engine, before it starts anything", () => {
  it("refuses a taken port, saying what to do, with no engine started", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const result = await runDevEngine(["--port", String(port)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is taken`);
      expect(result.stderr).toContain("pass another --port (0 picks a free one). Nothing was started.");
      expect(result.stderr).not.toContain("starting a private");
    } finally {
      taken.close();
    }
  });

  it("refuses a bad server flag with the server's own message, with no engine started", async () => {
    const result = await runDevEngine(["--transitions", "sometimes"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--transitions must be immediate, time or manual, not "sometimes"');
    expect(result.stderr).not.toContain("starting a private");
  });
});
