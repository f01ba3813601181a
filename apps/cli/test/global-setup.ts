import { existsSync } from "node:fs";
import { startTestApi } from "@notebook-image/mock/test-api";
import { DEV_CREDENTIALS, DEV_NAMESPACE, DEV_PROJECT_ID, startServer } from "@notebook-image/server";
import type { TestProject } from "vitest/node";
import { binPath } from "./cli.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the API the tests talk to: a Prism mock started here, or TEST_API_BASE_URL. */
    apiUrl: string;
    /** The stateful server (startServer()), where saves walk INIT → CREATING → ACTIVE over time. */
    server: { url: string; token: string; projectId: string; namespace: string };
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
  // In memory, on a free port; its control API sets the pace of each test's saves.
  const server = await startServer();
  project.provide("server", {
    url: server.url,
    token: DEV_CREDENTIALS.token,
    projectId: DEV_PROJECT_ID,
    namespace: DEV_NAMESPACE,
  });
  return async () => {
    await Promise.all([api.close(), server.close()]);
  };
}
