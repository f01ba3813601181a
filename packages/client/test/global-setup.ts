// One Prism mock for the whole run (errors: true, so a request that breaks the spec is refused
// instead of answered with a mocked success), or TEST_API_BASE_URL; its URL goes to the tests
// through provide/inject.
import { startTestApi } from "@notebook-image/mock/test-api";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the API the tests talk to, e.g. http://127.0.0.1:41235 (no trailing slash). */
    mockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const api = await startTestApi();
  project.provide("mockUrl", api.url);
  return () => api.close();
}
