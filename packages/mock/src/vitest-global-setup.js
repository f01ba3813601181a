// A ready-made vitest `globalSetup`: the API of startTestApi() (a Prism mock with errors: true, or
// TEST_API_BASE_URL), its URL handed to the tests as `inject("mockUrl")`. A package's own
// test/global-setup.ts re-exports it, which also brings the `mockUrl` type to its tests.
import { startTestApi } from "./test-api.js";

/** @param {import("vitest/node").TestProject} project */
export default async function setup(project) {
  const api = await startTestApi();
  project.provide("mockUrl", api.url);
  return () => api.close();
}
