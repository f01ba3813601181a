// Starts one Prism mock for the whole run (errors: true, so a mocked response that violates the
// spec becomes a loud 500) and hands its URL to the tests. TEST_API_BASE_URL points the same
// contract tests at another server instead.
import type { TestProject } from "vitest/node";
import { type MockServer, startMock } from "../src/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

let mock: MockServer | undefined;

export async function setup(project: TestProject): Promise<void> {
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
