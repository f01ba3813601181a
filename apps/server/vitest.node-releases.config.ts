import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

// The smoke subset that test:node22 and test:node24 run: what depends on the Node.js release. The
// default release (20) runs every test; the rest (the contract tests through Prism's proxy, the
// storage on PostgreSQL, the container engine on podman, the bin across a restart on its data dir,
// the template a new data dir is filled from, the packed template) does the same on every release.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // None of these files uses PostgreSQL: the run starts no server for them.
    globalSetup: [],
    include: [
      // The bin (dist/bin.js) started on the release: flags, its data dir, signals, the exit, a port
      // in use. What it prints (masked secrets, pretty logs, refusals) is bin-output.test.ts's, on
      // the default release only.
      "test/bin.test.ts",
      // The data dir's lock between real processes, a kill -9: the release's fs, signals and child
      // processes, PGlite's WebAssembly on its V8.
      "src/store/data-dir-lock.test.ts",
      // Signatures verified with the release's node:crypto: SDK-HMAC-SM3 (its OpenSSL) and
      // temporary credentials, signed by the real client.
      "test/auth-sdk.test.ts",
      // What the release's HTTP server answers on its own: time limits, a stalled client, sizes.
      "test/http-limits.test.ts",
    ],
  },
});
