import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Each test runs the built CLI as a child process; the mock answers in milliseconds, but two
    // cores shared with other test suites can make a process start slow.
    testTimeout: 30_000,
  },
});
