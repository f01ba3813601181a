import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One real Prism mock for the whole run; its URL reaches the tests through provide/inject.
    globalSetup: ["test/global-setup.ts"],
    // A browser start, tsc and Prism each take seconds on a busy 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
