import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

// The smoke subset that test:node22 and test:node24 run: what depends on the Node.js release, the
// built CLI (dist/bin.js) run as a child process on it (and run() in vitest's process on it). The
// default release (20) runs every test; the rest (input checks, output against the Prism mock and
// the server, completion, the terminal) does the same on every release.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      // The bin starts on the release (--help, --version, no command: exit 2); every command's usage.
      "test/help.test.ts",
      // The release's fetch failing: a refused connection (its error's cause) and a time limit.
      "test/transport.test.ts",
      // AK/SK requests signed by the bin with the release's node:crypto, over its fetch.
      "test/echoed-secrets.test.ts",
    ],
    // None of these talks to the Prism mock or the shared server: they are not started.
    globalSetup: [],
  },
});
