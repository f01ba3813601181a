import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // The files of a worker share its process: the test helpers, the client and the server they
    // import are loaded once, not once per file (no file leaves state another would see).
    isolate: false,
    // Tests run the CLI in process or as a child process; the mock answers in milliseconds, but two
    // cores shared with other test suites can make a process start slow.
    testTimeout: 30_000,
  },
});
