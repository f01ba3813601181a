import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One Prism process for the whole run; its URL reaches the tests through provide/inject.
    globalSetup: ["test/support/global-setup.ts"],
    // Each test runs the Redocly CLI, a few seconds of start-up on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
