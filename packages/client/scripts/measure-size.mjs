// Size of what a browser app pays for createNotebookImageClient: dist/ bundled by esbuild
// (minified ESM for browsers, openapi-fetch and the generated validators included), then gzipped.
// Same as: echo 'export { createNotebookImageClient } from "./dist/index.js"' \
//   | esbuild --bundle --minify --format=esm --platform=browser | gzip -9 | wc -c
// Run directly it prints the figures (`--json`: as JSON, for the size test); bench/ imports
// measureBrowserBundle so that both measure a bundle the same way.
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * Bundles `contents` (an entry module's source) as a browser app would get it and measures it.
 * `modules` maps each input (path shortened after node_modules/) to its minified bytes, largest
 * first; `nodeImports` lists what was left unbundled (a Node-only import in the browser entry).
 */
export async function measureBrowserBundle(contents, resolveDir = packageDir) {
  const result = await build({
    stdin: { contents, resolveDir, sourcefile: "entry.js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    metafile: true,
    logLevel: "error",
  });
  const code = result.outputFiles[0].contents;
  const [output] = Object.values(result.metafile.outputs);
  return {
    minifiedBytes: code.length,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    modules: Object.fromEntries(
      Object.entries(output.inputs)
        .filter(([, v]) => v.bytesInOutput > 0)
        .sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput)
        .map(([file, v]) => [
          file.replace(/^.*node_modules\//, "").replace(/^(\.\.\/)+/, ""),
          v.bytesInOutput,
        ]),
    ),
    nodeImports: output.imports.map((i) => i.path),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const figures = await measureBrowserBundle('export { createNotebookImageClient } from "./dist/index.js";');
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(figures));
  } else {
    console.log(
      `createNotebookImageClient, browser bundle: ${figures.minifiedBytes} B minified, ${figures.gzipBytes} B gzipped`,
    );
    for (const [file, bytes] of Object.entries(figures.modules))
      console.log(`  ${String(bytes).padStart(6)}  ${file}`);
  }
}
