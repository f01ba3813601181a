import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // A browser on two shared cores: starting chromium and the first page load can take seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
