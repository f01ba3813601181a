// Size of what a browser app pays for createNotebookImageClient: dist/ bundled by esbuild
// (minified ESM for browsers, openapi-fetch and the generated validators included), then gzipped.
// Same as: echo 'export { createNotebookImageClient } from "./dist/index.js"' \
//   | esbuild --bundle --minify --format=esm --platform=browser | gzip -9 | wc -c
// `--json` prints the figures as JSON (used by the size test).
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const packageDir = new URL("..", import.meta.url).pathname;
const result = await build({
  stdin: { contents: 'export { createNotebookImageClient } from "./dist/index.js";', resolveDir: packageDir },
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  write: false,
  metafile: true,
  logLevel: "error",
});
const code = result.outputFiles[0].contents;
const inputs = Object.values(result.metafile.outputs)[0].inputs;
const figures = {
  minifiedBytes: code.length,
  gzipBytes: gzipSync(code, { level: 9 }).length,
  modules: Object.fromEntries(
    Object.entries(inputs)
      .filter(([, v]) => v.bytesInOutput > 0)
      .sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput)
      .map(([file, v]) => [file.replace(/^.*node_modules\//, ""), v.bytesInOutput]),
  ),
  nodeImports: result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].imports.map((i) => i.path),
};
if (process.argv.includes("--json")) {
  console.log(JSON.stringify(figures));
} else {
  console.log(
    `createNotebookImageClient, browser bundle: ${figures.minifiedBytes} B minified, ${figures.gzipBytes} B gzipped`,
  );
  for (const [file, bytes] of Object.entries(figures.modules))
    console.log(`  ${String(bytes).padStart(6)}  ${file}`);
}
