// Which signing primitives each platform gets for `#crypto` (package.json `imports`), checked with
// the platforms' own resolvers on the built package: Node.js loads crypto-node (node:crypto), and a
// bundle for anything without the "node" condition gets crypto-web (Web Crypto). The browser
// bundle itself is checked by bench/test/size-limit.test.ts.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Platform } from "esbuild";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

async function bundledCrypto(platform: Platform): Promise<string[]> {
  const result = await build({
    stdin: {
      contents: 'export { createNotebookImageClient } from "./dist/index.js";',
      resolveDir: packageDir,
    },
    bundle: true,
    format: "esm",
    platform,
    // Neutral has no main fields to find openapi-fetch with; only the client's own files matter here.
    external: ["openapi-fetch"],
    write: false,
    metafile: true,
    logLevel: "error",
  });
  return Object.keys(result.metafile.inputs).filter((file) => file.startsWith("dist/auth/crypto-"));
}

describe("#crypto", () => {
  it("is crypto-node for Node.js itself", () => {
    const resolved = execFileSync(
      process.execPath,
      ["--input-type=module", "-e", 'process.stdout.write(import.meta.resolve("#crypto"))'],
      { cwd: packageDir, encoding: "utf8" },
    );
    expect(resolved).toBe(pathToFileURL(join(packageDir, "dist/auth/crypto-node.js")).href);
  });

  it.each([
    ["node", "dist/auth/crypto-node.js"],
    ["neutral", "dist/auth/crypto-web.js"],
  ] as const)("is bundled for --platform=%s as %s", async (platform, expected) => {
    expect(await bundledCrypto(platform)).toEqual([expected]);
  });
});
