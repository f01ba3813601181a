// How a browser app's bundle is measured: `contents` (an entry module's source) bundled by esbuild
// as a browser app gets it (minified ESM, browser platform, packages resolved through their exports
// maps), then gzipped at level 9. Same as:
//   echo '<contents>' | esbuild --bundle --minify --format=esm --platform=browser | gzip -9 | wc -c
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/**
 * @typedef {object} BundleFigures
 * @property {number} minifiedBytes
 * @property {number} gzipBytes
 * @property {Record<string, number>} modules each input (path shortened after node_modules/ or the
 *   workspace root) and its minified bytes in the output, largest first
 * @property {string[]} nodeImports what was left unbundled: a Node-only import in the browser entry
 */

/**
 * @param {string} contents the entry module's source
 * @param {string} resolveDir where its imports are resolved from
 * @returns {Promise<BundleFigures>}
 */
export async function measureBrowserBundle(contents, resolveDir) {
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
  const [file] = result.outputFiles;
  const [output] = Object.values(result.metafile.outputs);
  if (!file || !output) throw new Error("esbuild wrote no bundle");
  return {
    minifiedBytes: file.contents.length,
    gzipBytes: gzipSync(file.contents, { level: 9 }).length,
    modules: Object.fromEntries(
      Object.entries(output.inputs)
        .filter(([, v]) => v.bytesInOutput > 0)
        .sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput)
        .map(([input, v]) => [
          input.replace(/^.*node_modules\//, "").replace(/^(\.\.\/)+/, ""),
          v.bytesInOutput,
        ]),
    ),
    nodeImports: output.imports.map((i) => i.path),
  };
}
