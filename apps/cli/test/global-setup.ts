import { existsSync } from "node:fs";
import { startTestApi } from "@notebook-image/mock/test-api";
import type { TestProject } from "vitest/node";
import { binPath } from "./cli.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the API the tests talk to: a Prism mock started here, or TEST_API_BASE_URL. */
    apiUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(binPath)) {
    throw new Error(
      `${binPath} is missing: the tests run the built CLI. Build it first ` +
        "(pnpm turbo run test --filter=@notebook-image/cli builds what it needs).",
    );
  }
  // errors: Prism checks each request the CLI sends against the spec and fails one that breaks it.
  const api = await startTestApi();
  project.provide("apiUrl", api.url);
  return () => api.close();
}
