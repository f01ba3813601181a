import { DEV_CREDENTIALS, DEV_NAMESPACE, DEV_NOTEBOOK_ID, DEV_PROJECT_ID } from "@notebook-image/server";
import { defineConfig } from "vite";

/**
 * The local server (`pnpm dev` serves it on :4020, its bin's default port) sends no CORS headers,
 * as ModelArts itself does not: the page reaches it through this origin, the way a console calls
 * its cloud API through its own backend.
 */
export const LOCAL_SERVER_PREFIX = "/local-server";
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

// The page is served on 127.0.0.1 only, like the mock and the server it talks to.
export default defineConfig(({ command }) => ({
  server: { host: "127.0.0.1", port: 5173, strictPort: true, proxy: localServerProxy(LOCAL_SERVER_URL) },
  preview: { host: "127.0.0.1", port: 4173, proxy: localServerProxy(LOCAL_SERVER_URL) },
  build: { outDir: "dist", target: "es2022" },
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
