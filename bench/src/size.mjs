// Size: what a browser app pays for createNotebookImageClient. The built client is imported by its
// package name (so its exports map is used, as in an app); bundling and measuring are the client's
// own size script's (measureBrowserBundle), so the bench and the client's size test agree.
import { fileURLToPath } from "node:url";
import { measureBrowserBundle } from "../../packages/client/scripts/measure-size.mjs";

const benchDir = fileURLToPath(new URL("..", import.meta.url));

export async function benchSize() {
  const bundle = await measureBrowserBundle(
    'export { createNotebookImageClient } from "@notebook-image/client";',
    benchDir,
  );
  // The floor: what any app using openapi-fetch pays before the client adds anything.
  const openapiFetchAlone = await measureBrowserBundle('export { default } from "openapi-fetch";', benchDir);
  return {
    minifiedBytes: bundle.minifiedBytes,
    gzipBytes: bundle.gzipBytes,
    openapiFetchAloneGzipBytes: openapiFetchAlone.gzipBytes,
    inputs: Object.entries(bundle.modules).map(([file, bytes]) => ({ file, bytes })),
    // Anything left unbundled would be a Node-only import in the browser entry.
    externalImports: bundle.nodeImports,
  };
}
