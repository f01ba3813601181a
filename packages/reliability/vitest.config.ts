import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One Prism process for the whole run; its URL reaches the tests through provide/inject.
    globalSetup: ["test/support/global-setup.ts"],
    // The files of a worker share its process: the server (fastify, Ajv, PGlite's WebAssembly), the
    // client and the fuzz cases are imported and made once per worker instead of once per file.
    // Each file still starts the servers it needs; none depends on another's module state.
    isolate: false,
    // The fuzz run sends a few thousand requests to Prism and the load test 500 at once: on a
    // busy 2-core machine that takes tens of seconds, which is not a failure.
    testTimeout: 180_000,
    hookTimeout: 90_000,
  },
});
