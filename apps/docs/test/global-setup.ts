// The shared test API (a Prism mock with errors: true, or TEST_API_BASE_URL), as inject("mockUrl"),
// and the chromium the browser tests share (one launch, ~2 CPU-s, for the run), as
// inject("browserEndpoint").
import { launchChromiumServer } from "@notebook-image/devkit/browser";
import setupTestApi from "@notebook-image/mock/vitest-global-setup";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where the shared chromium listens (test/browser.ts connects to it). */
    browserEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const [closeTestApi, chromium] = await Promise.all([setupTestApi(project), launchChromiumServer()]);
  project.provide("browserEndpoint", chromium.wsEndpoint());
  return async () => {
    await Promise.all([closeTestApi(), chromium.close()]);
  };
}
