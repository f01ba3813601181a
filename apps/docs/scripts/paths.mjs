// Where the docs build reads from and writes to. Other packages are found through their package
// names, never through ../.. paths, so moving a folder cannot silently point the build elsewhere.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

export const docsDir = fileURLToPath(new URL("..", import.meta.url));
// DOCS_DIST_DIR and DOCS_SPEC_DIST_DIR let the test of `pnpm dev` run its own dev server on a copy of
// the spec, without touching the dist/ folders that other tests read at the same time.
export const distDir = process.env.DOCS_DIST_DIR ?? join(docsDir, "dist");
/** Where a build is assembled before it replaces dist/ (same file system, so the swap is a rename). */
export const stagingDir = process.env.DOCS_DIST_DIR
  ? `${process.env.DOCS_DIST_DIR}.staging`
  : join(docsDir, "node_modules", ".cache", "docs-dist-staging");
/** The document the page is rendered from: the bundled spec with the code samples woven in. */
export const renderedSpecJson = `${stagingDir}.openapi.json`;
export const srcDir = join(docsDir, "src");
export const redoclyConfig = join(docsDir, "redocly.yaml");
/** The control API's page has its own downloads (and no code samples). */
export const controlRedoclyConfig = join(docsDir, "control.redocly.yaml");

const specDir = dirname(require.resolve("@notebook-image/spec/package.json"));
/** The bundled spec, written by the spec package's `build` (its exports `./openapi.{yaml,json}`). */
export const specDistDir = process.env.DOCS_SPEC_DIST_DIR ?? join(specDir, "dist");
export const specYaml = join(specDistDir, "openapi.yaml");
export const specJson = join(specDistDir, "openapi.json");
/** The local server's control API, its own document (exports `./control-openapi.{yaml,json}`). */
export const controlSpecYaml = join(specDistDir, "control-openapi.yaml");
export const controlSpecJson = join(specDistDir, "control-openapi.json");
/** The spec's diagrams, rendered by its build and shown by the introduction as images beside the page. */
export const specDiagrams = ["image-lifecycle.svg"].map((file) => join(specDistDir, file));

export const redoclyCli = join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");

/** Self-hosted variable fonts: the stylesheet that declares them and the folder of their files. */
export const fontPackages = ["@fontsource-variable/inter", "@fontsource-variable/jetbrains-mono"].map(
  (name) => {
    const dir = dirname(require.resolve(`${name}/package.json`));
    return { name, css: join(dir, "wght.css"), files: join(dir, "files") };
  },
);
