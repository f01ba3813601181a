import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // The files of a worker share its process: the spec's validators and the test helpers are
    // loaded once, not once per file (each file starts and closes its own Prism processes).
    isolate: false,
    // Tests that start Prism processes of their own wait for them to start and stop.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
