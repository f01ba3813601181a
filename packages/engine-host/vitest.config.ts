import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Starting a podman service and importing the base image takes a few seconds on a loaded machine;
    // tearing it down waits for conmon.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
