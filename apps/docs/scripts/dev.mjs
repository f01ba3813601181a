// `pnpm dev`: serves the docs at http://127.0.0.1:8080 and rebuilds them whenever the bundled spec
// (spec/dist, rebuilt by the spec package's own `dev`), a code sample, or the docs' theme and config
// change. Open pages reload by themselves after each rebuild. The page offers the Prism mock and the
// local server that `pnpm dev` starts as servers too (the published docs do not).
import { watch } from "node:fs";
import { basename } from "node:path";
import { DEV_CREDENTIALS } from "@notebook-image/server";
import { buildSite } from "./build.mjs";
import { sampleDirs } from "./code-samples.mjs";
import { insertBeforeBodyEnd, reloadScript } from "./live-reload.mjs";
import { distDir, docsDir, redoclyConfig, specDistDir, srcDir } from "./paths.mjs";
import { startStaticServer } from "./static-server.mjs";

const port = Number(process.env.DOCS_PORT ?? 8080);
const host = process.env.DOCS_HOST ?? "127.0.0.1";
const RELOAD_PATH = "/__reload";
// Where `pnpm dev` runs the mock and the local server: their bins' default addresses, unless
// MOCK_URL and SERVER_URL say otherwise.
const localServers = [
  {
    url: process.env.MOCK_URL ?? "http://127.0.0.1:4010",
    description: "Local Prism mock, started by pnpm dev (or pnpm mock): any token, the examples of this page",
  },
  {
    url: process.env.SERVER_URL ?? "http://127.0.0.1:4020",
    description: `Local server, started by pnpm dev: keeps state, saves walk to ACTIVE; X-Auth-Token: ${DEV_CREDENTIALS.token}`,
  },
];

/** @type {Set<import("node:http").ServerResponse>} */
const reloadClients = new Set();
const reloadSnippet = reloadScript(RELOAD_PATH);

let building = false;
let again = false;
/** @param {string} reason */
async function rebuild(reason) {
  if (building) {
    again = true;
    return;
  }
  building = true;
  try {
    await buildSite({ quiet: true, localServers });
    console.log(`[docs] rebuilt (${reason}): http://${host}:${port}/`);
    for (const client of reloadClients) client.write("data: reload\n\n");
  } catch (error) {
    console.error(
      `[docs] build failed, still serving the last good docs:\n${error instanceof Error ? error.message : error}`,
    );
  } finally {
    building = false;
    if (again) {
      again = false;
      void rebuild("more changes");
    }
  }
}

await rebuild("start");
const server = await startStaticServer({
  root: distDir,
  host,
  port,
  transformHtml: (html) => insertBeforeBodyEnd(html, reloadSnippet),
  onRequest: (request, response) => {
    if (request.url !== RELOAD_PATH) return false;
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    response.write(": connected\n\n");
    reloadClients.add(response);
    request.on("close", () => reloadClients.delete(response));
    return true;
  },
});
console.log(`[docs] serving ${distDir} at ${server.url}/`);

/** @type {NodeJS.Timeout | undefined} */
let timer;
/** Debounced: one save writes several files (the spec build writes YAML then JSON). */
/** @param {string} reason */
function schedule(reason) {
  clearTimeout(timer);
  timer = setTimeout(() => void rebuild(reason), 200);
}
// The spec's dist/ folder is watched, not the file: the bundler replaces the file on each build.
watch(specDistDir, (_event, file) => {
  if (file && /\.(yaml|json|svg)$/.test(file)) schedule(`spec/dist/${file} changed`);
});
for (const [owner, dir] of Object.entries(sampleDirs)) {
  watch(dir, { recursive: true }, (_event, file) => schedule(`${owner} sample ${file} changed`));
}
watch(srcDir, { recursive: true }, (_event, file) => schedule(`src/${file} changed`));
watch(docsDir, (_event, file) => {
  if (file === basename(redoclyConfig)) schedule(`${file} changed`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    for (const client of reloadClients) client.end();
    void server.close().then(() => process.exit(0));
  });
}
