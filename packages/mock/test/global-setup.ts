// The shared test API (a Prism mock with errors: true, or TEST_API_BASE_URL), as inject("mockUrl"),
// and the mock itself as inject("prismUrl") for the tests of what this package patches in Prism
// (bad-bodies, own-errors): the same Prism when nothing points the tests elsewhere (one start of
// ~3 CPU-s instead of one per file), a Prism of its own when TEST_API_BASE_URL does.
import type { TestProject } from "vitest/node";
import { startMock } from "../src/index.js";
import setupTestApi from "../src/vitest-global-setup.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of this package's Prism mock with errors: true (never TEST_API_BASE_URL). */
    prismUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const closeTestApi = await setupTestApi(project);
  const own = process.env.TEST_API_BASE_URL ? await startMock({ errors: true }) : undefined;
  project.provide("prismUrl", own?.url ?? project.getProvidedContext().mockUrl);
  return async () => {
    await Promise.all([own?.close(), closeTestApi()]);
  };
}
