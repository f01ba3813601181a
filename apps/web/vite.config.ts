import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { DEV_CREDENTIALS, DEV_NAMESPACE, DEV_NOTEBOOK_ID, DEV_PROJECT_ID } from "@notebook-image/server";
import { defineConfig, type Plugin } from "vite";
import { LOCAL_SERVER_PATH } from "./src/local-server.js";

/**
 * The local server (`pnpm dev` serves it on :4020, its bin's default port) sends no CORS headers,
 * as ModelArts itself does not: the page reaches it through this origin, the way a console calls
 * its cloud API through its own backend.
 */
export const LOCAL_SERVER_PREFIX = LOCAL_SERVER_PATH;
const LOCAL_SERVER_URL = process.env.NOTEBOOK_IMAGE_SERVER_URL ?? "http://127.0.0.1:4020";

export function localServerProxy(target: string) {
  return {
    [LOCAL_SERVER_PREFIX]: {
      target,
      changeOrigin: true,
      rewrite: (path: string) => path.slice(LOCAL_SERVER_PREFIX.length),
    },
  };
}

/** The client's built files, which `pnpm dev` rewrites all at once when the spec changes. */
const CLIENT_DIST = `${dirname(createRequire(import.meta.url).resolve("@notebook-image/client"))}/`;

/**
 * One page reload when the client is rebuilt, not one per file: tsc rewrites every file of its
 * dist/ (about 40), and vite reloaded the page and printed a line for each.
 */
export function reloadOnceWhenTheClientIsRebuilt(clientDist = CLIENT_DIST, quietMs = 300): Plugin {
  let timer: NodeJS.Timeout | undefined;
  let changed = 0;
  return {
    name: "reload-once-when-the-client-is-rebuilt",
    apply: "serve",
    hotUpdate({ file, server }) {
      if (!file.startsWith(clientDist)) return;
      changed += 1;
      clearTimeout(timer);
      timer = setTimeout(() => {
        server.ws.send({ type: "full-reload" });
        server.config.logger.info(`the client was rebuilt (${changed} files): page reloaded`, {
          timestamp: true,
        });
        changed = 0;
      }, quietMs);
      // Handled here: vite sends nothing and prints nothing for this file.
      return [];
    },
  };
}

// The page is served on 127.0.0.1 only, like the mock and the server it talks to.
export default defineConfig(({ command }) => ({
  plugins: [reloadOnceWhenTheClientIsRebuilt()],
  server: { host: "127.0.0.1", port: 5173, strictPort: true, proxy: localServerProxy(LOCAL_SERVER_URL) },
  preview: { host: "127.0.0.1", port: 4173, proxy: localServerProxy(LOCAL_SERVER_URL) },
  build: {
    outDir: "dist",
    target: "es2022",
    // Two pages: Save as Image, and the console of the local server.
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL("index.html", import.meta.url)),
        console: fileURLToPath(new URL("console.html", import.meta.url)),
      },
    },
  },
  define: {
    // In `pnpm dev` the form starts filled in for the local server's seeded notebook, so that one
    // click saves it; the built page starts empty.
    __DEV_FORM__: JSON.stringify(
      command === "serve"
        ? {
            endpointPath: LOCAL_SERVER_PREFIX,
            instanceId: DEV_NOTEBOOK_ID,
            projectId: DEV_PROJECT_ID,
            namespace: DEV_NAMESPACE,
            token: DEV_CREDENTIALS.token,
          }
        : null,
    ),
  },
}));
