import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Contract tests start the server and a Prism proxy in front of it; two cores shared with other
    // suites can make a process start slow.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
