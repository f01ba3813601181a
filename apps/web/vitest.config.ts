import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // The files of a worker share its process: playwright, vite and the server they import are
    // loaded once, not once per file (each file launches and closes its own browser and servers).
    isolate: false,
    // A browser on two shared cores: starting chromium and the first page load can take seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // What the page shows after a round trip (a save, a poll) can take seconds on a loaded machine:
    // expect.poll waits up to 15 s instead of 1 s, and passes as soon as it holds.
    expect: { poll: { timeout: 15_000 } },
  },
});
