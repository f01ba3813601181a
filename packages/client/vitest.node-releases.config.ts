import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

// The smoke subset that test:node22 and test:node24 run: what depends on the Node.js release. The
// default release (20) runs every test; the rest (the contract tests on Prism, the packed package,
// the browser, the client's own logic over an injected fetch) does the same on every release.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      // Signing with node:crypto's HMAC and SHA-256, worked out by hand.
      "src/auth/sdk-hmac-sha256.test.ts",
      // SDK-HMAC-SHA256 and SDK-HMAC-SM3 against Huawei's SDK vectors: SM3 comes from the
      // release's OpenSSL.
      "test/sdk-signer-vectors.test.ts",
      // The release's fetch (undici) and HTTP server carrying signed requests, verified as received.
      "test/signing.test.ts",
      // The same over real HTTP with each `#crypto`: node:crypto and the release's Web Crypto.
      "test/aksk-verifier.test.ts",
      // The release's resolver of package.json `imports` conditions (`#crypto`).
      "test/platform-crypto.test.ts",
      // require() of the ES modules, which releases support differently.
      "test/require-esm.test.ts",
    ],
    // None of these talks to the Prism mock: it is not started.
    globalSetup: [],
  },
});
