import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One real Prism mock for the whole run; its URL reaches the tests through provide/inject.
    globalSetup: ["test/global-setup.ts"],
    // The files of a worker share its process: playwright, the server and the spec reader are
    // loaded once, not once per file (each file starts and closes its own browser and servers).
    isolate: false,
    // A browser start, tsc and Prism each take seconds on a busy 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // expect.poll waits for Redoc to render; CI runs every package's tests at once on 2 cores.
    expect: { poll: { timeout: 20_000 } },
  },
});
