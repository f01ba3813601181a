import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Contract tests start the server and a Prism proxy in front of it; two cores shared with other
    // suites can make a process start slow.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two files at a time even on two cores (vitest's default is cores - 1, one file at a time):
    // most of this suite waits on other processes (the engine committing and pushing, PostgreSQL,
    // Prism, the bin starting), so a second file fills that wait instead of the suite running
    // one file after another for minutes. Every file has its own server, engine host and ports.
    maxWorkers: 2,
  },
});
