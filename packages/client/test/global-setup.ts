// Starts the Prism mock of the spec once for the whole run (errors: true, so an invalid request
// or an invalid example in the spec fails loudly) and hands its URL to the tests.
import { type MockServer, startMock } from "@notebook-image/mock";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

let mock: MockServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  // TEST_API_BASE_URL points the same contract tests at another server.
  const external = process.env.TEST_API_BASE_URL;
  if (external) {
    project.provide("mockUrl", external.replace(/\/+$/, ""));
    return;
  }
  mock = await startMock({ errors: true });
  project.provide("mockUrl", mock.url);
}

export async function teardown(): Promise<void> {
  await mock?.close();
}
