// A small static file server for the built docs (node:http only): `pnpm dev` serves dist/ with it,
// and the browser tests serve the same folder on a free port, as any static host would.
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const contentTypes = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".png": "image/png",
};

/**
 * @typedef {object} StaticServer
 * @property {string} url base URL, such as http://127.0.0.1:8080
 * @property {() => Promise<void>} close
 */

/**
 * Serves `root` on `host:port` (port 0: a free port).
 * @param {{ root: string, host?: string, port?: number,
 *   transformHtml?: (html: string) => string,
 *   onRequest?: (request: import("node:http").IncomingMessage,
 *     response: import("node:http").ServerResponse) => boolean }} options
 *   transformHtml and onRequest (true when it answered the request) let `pnpm dev` add live reload.
 * @returns {Promise<StaticServer>}
 */
export async function startStaticServer({ root, host = "127.0.0.1", port = 0, transformHtml, onRequest }) {
  const rootDir = normalize(root + sep);
  const server = createServer(async (request, response) => {
    if (onRequest?.(request, response)) return;
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const file = await resolveFile(rootDir, new URL(request.url ?? "/", "http://localhost").pathname);
    if (!file) {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
      return;
    }
    const type =
      contentTypes[/** @type {keyof typeof contentTypes} */ (extname(file))] ?? "application/octet-stream";
    // The docs change on every rebuild: let browsers revalidate instead of showing a stale page.
    const headers = {
      "content-type": type,
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    };
    if (transformHtml && type.startsWith("text/html")) {
      const body = transformHtml(await readFile(file, "utf8"));
      response.writeHead(200, headers).end(request.method === "HEAD" ? undefined : body);
      return;
    }
    response.writeHead(200, headers);
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("static server: no TCP address");
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Maps a URL path to a file under root; `/` and folders map to their index.html.
 * @param {string} rootDir
 * @param {string} pathname
 * @returns {Promise<string | undefined>}
 */
async function resolveFile(rootDir, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const candidate = normalize(join(rootDir, decoded));
  // Refuse anything outside root (../ in the path).
  if (!candidate.startsWith(rootDir) && candidate + sep !== rootDir) return undefined;
  for (const file of [candidate, join(candidate, "index.html")]) {
    try {
      if ((await stat(file)).isFile()) return file;
    } catch {
      // not there: try the next candidate
    }
  }
  return undefined;
}
