// Starts one Prism mock for the whole run, with --errors so that a request that breaks the spec is
// refused instead of answered with a mocked success (the differential fuzz depends on that).
import { appendFileSync } from "node:fs";
import { startMock } from "@notebook-image/mock";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // TEST_API_BASE_URL points the same tests at a mock that is already running.
  const external = process.env.TEST_API_BASE_URL;
  if (external) {
    project.provide("mockUrl", external.replace(/\/+$/, ""));
    return;
  }
  // MOCK_LOG=<file> keeps Prism's request log, to see why it refused or dropped a call.
  const logFile = process.env.MOCK_LOG;
  const mock = await startMock({
    errors: true,
    ...(logFile ? { log: (line: string) => appendFileSync(logFile, `${line}\n`) } : {}),
  });
  project.provide("mockUrl", mock.url);
  return () => mock.close();
}
