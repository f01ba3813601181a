import { startMock } from "@notebook-image/mock";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the Prism mock serving the bundled spec, e.g. http://127.0.0.1:41235. */
    mockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // TEST_API_BASE_URL points the same tests at another server (a second mock, a proxy).
  const external = process.env.TEST_API_BASE_URL;
  if (external) {
    project.provide("mockUrl", external.replace(/\/$/, ""));
    return;
  }
  const mock = await startMock({ errors: true });
  project.provide("mockUrl", mock.url);
  return () => mock.close();
}
