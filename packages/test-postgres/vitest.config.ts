import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each test starts a PostgreSQL server (initdb included): seconds on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
