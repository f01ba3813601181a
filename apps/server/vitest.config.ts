import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Every file of a worker runs in the one process, as a server runs: importing the server
    // (fastify, Ajv, PGlite's WebAssembly) and compiling the spec's validators is done once per
    // worker instead of once per file, about 4 CPU-seconds a file, which was a third of this
    // suite's CPU. Each file still starts the servers and stores it needs; no test depends on
    // another file's, and one that needs a fresh module graph resets it (validators-once.test.ts).
    isolate: false,
    // One PostgreSQL server for the run; each file that needs one makes its own databases on it.
    globalSetup: ["test/support/postgres-global-setup.ts"],
    // Contract tests start the server and a Prism proxy in front of it; two cores shared with other
    // suites can make a process start slow.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
