import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Tests that start Prism processes of their own wait for them to start and stop.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
