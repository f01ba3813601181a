import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // The files of a worker share its process: Testcontainers, the client and the server's exports
    // are imported once per worker instead of once per file. Each file starts its own containers.
    isolate: false,
    // Building the images is the slow part (minutes on a cold cache, seconds on a warm one); each
    // test then starts containers, which a loaded machine can make slow.
    hookTimeout: 25 * 60_000,
    testTimeout: 180_000,
  },
});
