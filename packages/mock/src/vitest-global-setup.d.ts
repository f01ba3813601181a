import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the API the tests talk to, e.g. http://127.0.0.1:41235 (no trailing slash). */
    mockUrl: string;
  }
}

/** vitest globalSetup: starts the test API and provides its URL as `mockUrl`; returns the teardown. */
export default function setup(project: TestProject): Promise<() => Promise<void>>;
