// The size check of `pnpm test`: the browser bundle of createNotebookImageClient, measured exactly
// as `pnpm bench` measures it (src/size.mjs), is self-contained and within its limit.
import { describe, expect, it } from "vitest";
import { measureClientBundle, measureSaveOnlyBundle, SIZE_LIMIT_GZIP_BYTES } from "../src/size.mjs";

const bundle = await measureClientBundle();
const modules = Object.keys(bundle.modules);
const has = (suffix: string) => modules.some((m) => m.endsWith(suffix));

describe("browser bundle of createNotebookImageClient", () => {
  it("bundles for the browser with nothing left to import, signing on Web Crypto", () => {
    expect(bundle.nodeImports).toEqual([]);
    // The client's package.json `imports`: `#crypto` is crypto-web for browsers, crypto-node only
    // for Node.js.
    expect(has("/dist/auth/crypto-web.js"), modules.join("\n")).toBe(true);
    expect(has("/dist/auth/crypto-node.js"), modules.join("\n")).toBe(false);
    // The error hints are for apps that import explainErrorCode, not for every user of the client.
    expect(has("/dist/error-hints.js"), modules.join("\n")).toBe(false);
    expect(has("/dist/generated/error-hints.js"), modules.join("\n")).toBe(false);
    expect(modules.filter((m) => /(^|\/)(ajv|ajv-formats)\//.test(m))).toEqual([]);
    expect(has("/dist/generated/request-schemas.js"), modules.join("\n")).toBe(true);
  });

  it(`is at most ${SIZE_LIMIT_GZIP_BYTES} bytes gzipped`, () => {
    expect(bundle.gzipBytes).toBeLessThanOrEqual(SIZE_LIMIT_GZIP_BYTES);
  });
});

describe("browser bundle of an app that only saves (createNotebookImageCore + saveInstanceAsImage)", () => {
  it("leaves every other operation, the dry run, the hints and the signing subpath out (tree-shaking)", async () => {
    const saveOnly = Object.keys((await measureSaveOnlyBundle()).modules);
    expect(
      saveOnly.some((m) => m.endsWith("/dist/operations/save-instance-as-image.js")),
      saveOnly.join("\n"),
    ).toBe(true);
    const others = saveOnly.filter((m) =>
      /\/dist\/(operations\/(?!save-instance-as-image)|prepare|error-hints|generated\/error-hints|signing|client\.js|fields)/.test(
        m,
      ),
    );
    expect(others).toEqual([]);
  });
});
