import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Chromium's first start on a loaded machine takes several seconds.
    testTimeout: 60_000,
  },
});
