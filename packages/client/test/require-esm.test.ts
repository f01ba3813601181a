// CommonJS users load the package with require(): Node.js (>= 20.19) loads its ES modules
// synchronously, which works only while no module of the graph has a top-level await, and whose
// support differs between Node.js releases. Each entry point of the built package is required by
// the Node.js running the tests (a child process, so that nothing is shared with vitest's loader).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  name: string;
  exports: Record<string, unknown>;
};
/** Every module entry point of the exports map, as a user names it ("@notebook-image/client/signing"). */
const entryPoints = Object.keys(manifest.exports)
  .filter((subpath) => !subpath.endsWith(".json"))
  .map((subpath) => manifest.name + subpath.slice(1));

/** The names and types of what require(specifier) returns, read in a child Node.js. */
function required(specifier: string): Record<string, string> {
  // The package requires itself by name (package self-reference through its exports map).
  const script = `
    const { createRequire } = require("node:module");
    const loaded = createRequire(process.argv[1])(process.argv[2]);
    console.log(JSON.stringify(Object.fromEntries(Object.entries(loaded).map(([k, v]) => [k, typeof v]))));`;
  const output = execFileSync(
    process.execPath,
    ["-e", script, fileURLToPath(new URL("../package.json", import.meta.url)), specifier],
    { cwd: packageDir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  return JSON.parse(output) as Record<string, string>;
}

describe("require() of the ES modules", () => {
  it.each(entryPoints)("loads %s with its functions", (specifier) => {
    const loaded = required(specifier);
    expect(Object.values(loaded)).toContain("function");
  });

  it("gives the client's and the signing subpath's own functions", () => {
    expect(required("@notebook-image/client").createNotebookImageClient).toBe("function");
    expect(required("@notebook-image/client/signing").verifySignature).toBe("function");
  });
});
