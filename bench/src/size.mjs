// Size: what a browser app pays for createNotebookImageClient. The built client is imported by its
// package name (so its exports map is used, as in an app), bundled and minified by esbuild for
// browsers, and gzipped at level 9; the esbuild metafile says which input each byte came from.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const ENTRY = 'export { createNotebookImageClient } from "@notebook-image/client";';

/** `…/node_modules/.pnpm/openapi-fetch@0.17.0/node_modules/openapi-fetch/dist/index.mjs` → `openapi-fetch/dist/index.mjs`. */
const shortName = (file) => file.replace(/^.*node_modules\//, "").replace(/^(\.\.\/)+/, "");

function bundle(contents) {
  return build({
    stdin: { contents, resolveDir: new URL("..", import.meta.url).pathname, sourcefile: "entry.js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    metafile: true,
    logLevel: "error",
  });
}

export async function benchSize() {
  const result = await bundle(ENTRY);
  const code = result.outputFiles[0].contents;
  // The floor: what any app using openapi-fetch pays before the client adds anything.
  const openapiFetchAlone = (await bundle('export { default } from "openapi-fetch";')).outputFiles[0]
    .contents;
  const [output] = Object.values(result.metafile.outputs);
  const inputs = Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput)
    .map(([file, input]) => ({ file: shortName(file), bytes: input.bytesInOutput }));
  return {
    minifiedBytes: code.length,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    openapiFetchAloneGzipBytes: gzipSync(openapiFetchAlone, { level: 9 }).length,
    inputs,
    // Anything left unbundled would be a Node-only import in the browser entry.
    externalImports: output.imports.map((i) => i.path),
  };
}
