// Starts what the browser tests talk to: the Prism mock, and the built page on a free port.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startTestApi } from "@notebook-image/mock/test-api";
import { preview } from "vite";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the API: a Prism mock started here, or TEST_API_BASE_URL. */
    apiUrl: string;
    /** URL of the built page, served by `vite preview`. */
    pageUrl: string;
  }
}

const root = fileURLToPath(new URL("..", import.meta.url));

export default async function setup(project: TestProject) {
  if (!existsSync(`${root}dist/index.html`)) {
    throw new Error(
      "apps/web/dist is missing: the tests load the built page. Build it first " +
        "(pnpm turbo run test --filter=@notebook-image/web builds what it needs).",
    );
  }
  const page = await preview({
    root,
    logLevel: "silent",
    preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false },
  });
  const pageUrl = page.resolvedUrls?.local[0];
  if (!pageUrl) throw new Error("vite preview did not report its URL");
  project.provide("pageUrl", pageUrl);

  const api = await startTestApi();
  project.provide("apiUrl", api.url);

  return async () => {
    await Promise.all([page.close(), api.close()]);
  };
}
