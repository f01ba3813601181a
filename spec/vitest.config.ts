import { defineConfig } from "vitest/config";

// Spec tests read spec/dist/, which the turbo `test` task builds first (it depends on `build`).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
  },
});
