// The API that contract tests talk to, shared by every package's vitest globalSetup so that the
// rules live in one place: a Prism mock with `errors: true` (a request that breaks the spec is
// refused, never answered with a mocked success), or, when TEST_API_BASE_URL is set, that server
// instead (a mock already running, a proxy), the stripe-mock way.
import { appendFileSync } from "node:fs";
import { startMock } from "./index.js";

/** @param {import("./index.js").MockOptions} [options] */
export async function startTestApi(options = {}) {
  const external = process.env.TEST_API_BASE_URL;
  if (external) return { url: external.replace(/\/+$/, ""), close: async () => {} };
  // MOCK_LOG=<file> keeps Prism's request log, to see why it refused or dropped a call.
  const logFile = process.env.MOCK_LOG;
  const mock = await startMock({
    errors: true,
    ...(logFile ? { log: (line) => appendFileSync(logFile, `${line}\n`) } : {}),
    ...options,
  });
  return { url: mock.url, close: () => mock.close() };
}
