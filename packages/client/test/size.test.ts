// What a browser app pays for the client: the measured bundle (scripts/measure-size.mjs) is
// self-contained (no Node.js or Ajv imports left) and stays within its size budget.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// A ceiling against regressions (such as Ajv's runtime creeping back in): the measured 7,464 bytes
// and a small margin. It is not the 6 KB goal of issue 6, which is not met (README, Size, says
// what limits it). Lower it whenever the bundle shrinks.
const BUDGET_GZIP_BYTES = 7_600;

describe("browser bundle of createNotebookImageClient", () => {
  const script = fileURLToPath(new URL("../scripts/measure-size.mjs", import.meta.url));
  const figures = JSON.parse(execFileSync(process.execPath, [script, "--json"], { encoding: "utf8" }));

  it("bundles for the browser with nothing left to import, signing on Web Crypto", () => {
    expect(figures.nodeImports).toEqual([]);
    // package.json `imports`: `#crypto` is crypto-web for browsers, crypto-node only for Node.js.
    expect(Object.keys(figures.modules)).toContain("dist/auth/crypto-web.js");
    expect(Object.keys(figures.modules)).not.toContain("dist/auth/crypto-node.js");
    // The error hints are for apps that import explainErrorCode, not for every user of the client.
    expect(Object.keys(figures.modules)).not.toContain("dist/error-hints.js");
    expect(Object.keys(figures.modules).filter((m) => /(^|\/)(ajv|ajv-formats)\//.test(m))).toEqual([]);
    expect(Object.keys(figures.modules)).toContain("dist/generated/request-schemas.js");
  });

  it(`is at most ${BUDGET_GZIP_BYTES} bytes gzipped`, () => {
    expect(figures.gzipBytes).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });
});
