// Starts what the browser tests talk to: the Prism mock, the stateful server, and the built page,
// each on a free port; and the chromium the files share (each connects to it).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { launchChromiumServer } from "@notebook-image/devkit/browser";
import { startTestApi } from "@notebook-image/mock/test-api";
import { DEV_CREDENTIALS, DEV_NAMESPACE, DEV_PROJECT_ID, startServer } from "@notebook-image/server";
import { createServer, preview } from "vite";
import type { TestProject } from "vitest/node";
import { LOCAL_SERVER_PREFIX, localServerProxy } from "../vite.config.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the API: a Prism mock started here, or TEST_API_BASE_URL. */
    apiUrl: string;
    /** Where the shared chromium listens: `connectChromium(inject("browserEndpoint"))`. */
    browserEndpoint: string;
    /** URL of the built page, served by `vite preview`. */
    pageUrl: string;
    /** URL of the page as `pnpm dev` serves it (vite's dev server: the form starts filled in). */
    devPageUrl: string;
    /**
     * The stateful server (startServer()), where saves walk INIT → CREATING → ACTIVE: `url` for
     * the tests' own calls, `pageEndpoint` for the page (through the page's origin, as in pnpm dev).
     */
    server: { url: string; pageEndpoint: string; token: string; projectId: string; namespace: string };
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
  const server = await startServer();
  const page = await preview({
    root,
    logLevel: "silent",
    preview: {
      host: "127.0.0.1",
      port: 0,
      strictPort: false,
      open: false,
      proxy: localServerProxy(server.url),
    },
  });
  const pageUrl = page.resolvedUrls?.local[0];
  if (!pageUrl) throw new Error("vite preview did not report its URL");
  project.provide("pageUrl", pageUrl);

  // The page as `pnpm dev` serves it: vite.config.ts's development defaults, its proxy to the server.
  const devPage = await createServer({
    root,
    logLevel: "silent",
    server: {
      host: "127.0.0.1",
      port: 0,
      strictPort: false,
      open: false,
      hmr: false,
      proxy: localServerProxy(server.url),
    },
  });
  await devPage.listen();
  const devPageUrl = devPage.resolvedUrls?.local[0];
  if (!devPageUrl) throw new Error("vite's dev server did not report its URL");
  project.provide("devPageUrl", devPageUrl);

  const api = await startTestApi();
  project.provide("apiUrl", api.url);

  // One launch for the run (~2 CPU-s each) instead of one per file.
  const chromium = await launchChromiumServer();
  project.provide("browserEndpoint", chromium.wsEndpoint());

  project.provide("server", {
    url: server.url,
    pageEndpoint: `${pageUrl.replace(/\/$/, "")}${LOCAL_SERVER_PREFIX}`,
    token: DEV_CREDENTIALS.token,
    projectId: DEV_PROJECT_ID,
    namespace: DEV_NAMESPACE,
  });

  return async () => {
    await Promise.all([page.close(), devPage.close(), api.close(), server.close(), chromium.close()]);
  };
}
