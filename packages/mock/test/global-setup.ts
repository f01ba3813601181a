// One Prism mock for the whole run (errors: true, so a mocked response that violates the spec
// becomes a loud 500), or TEST_API_BASE_URL; its URL goes to the tests through provide/inject.
import type { TestProject } from "vitest/node";
import { startTestApi } from "../src/test-api.js";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const api = await startTestApi();
  project.provide("mockUrl", api.url);
  return () => api.close();
}
