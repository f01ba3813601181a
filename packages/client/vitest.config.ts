import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The tests run the sources, so `#crypto` (package.json `imports`) resolves to the source of the
// module Node.js loads; tests of the Web Crypto primitives mock it with src/auth/crypto-web.ts.
// Bundles (browser and size tests) and the packed package resolve dist/ as users do.
const { imports } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));
const sourceOf = (built: string) =>
  fileURLToPath(new URL(built.replace(/^\.\/dist\//, "./src/").replace(/\.js$/, ".ts"), import.meta.url));

export default defineConfig({
  resolve: { alias: { "#crypto": sourceOf(imports["#crypto"].node) } },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // One Prism mock for the contract and package tests, its URL handed over with provide/inject.
    globalSetup: ["test/global-setup.ts"],
    // The files of a worker share its process: the client, the spec's validators and fast-check are
    // loaded once, not once per file. The two files that load the client with a mocked `#crypto`
    // reset the modules when they end.
    isolate: false,
    testTimeout: 20_000,
    // The type tests (src/**/*.test-d.ts, expectTypeOf) are not run here: they are part of
    // tsconfig.json, so the `typecheck` task (tsc) fails on a broken one, and a second tsc run of the
    // same files here cost ~15 CPU-s. `npx vitest --typecheck.only` still runs them on their own.
    typecheck: {
      enabled: false,
      include: ["src/**/*.test-d.ts", "test/**/*.test-d.ts"],
      tsconfig: "./tsconfig.json",
    },
  },
});
