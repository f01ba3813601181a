// The built package in a real browser (Debian's chromium, headless): dist/ bundled for the browser
// by esbuild, loaded by a page, saving an image on the Prism mock with a token and with AK/SK
// signing on the browser's Web Crypto. The page posts what happened back to the test's server.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Browser } from "@notebook-image/devkit/browser";
import { launchChromium } from "@notebook-image/devkit/browser";
import { build } from "esbuild";
import { afterAll, describe, expect, inject, it } from "vitest";
import { EXAMPLE_INSTANCE_ID, EXAMPLE_PROJECT_ID } from "./spec.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const mockUrl = inject("mockUrl");

const PAGE_SCRIPT = `
import { createNotebookImageClient, RequestValidationError, ModelArtsApiError } from "./dist/index.js";
const out = { secureContext: isSecureContext };
try {
  for (const [kind, auth] of [["token", { token: "browser-token" }], ["aksk", { accessKey: "AK", secretKey: "SK" }]]) {
    const client = createNotebookImageClient({ projectId: ${JSON.stringify(EXAMPLE_PROJECT_ID)}, baseUrl: ${JSON.stringify(mockUrl)}, auth });
    const image = await client.saveInstanceAsImage(${JSON.stringify(EXAMPLE_INSTANCE_ID)}, { name: "pytorch1_4", namespace: "atelier-auto" });
    out[kind] = image.status;
    const error = await client.saveInstanceAsImage(${JSON.stringify(EXAMPLE_INSTANCE_ID)}, { name: "pytorch1_4", namespace: "atelier-auto" }, { headers: { Prefer: "code=404" } }).catch((e) => e);
    out[kind + "Error"] = error instanceof ModelArtsApiError ? error.message : String(error);
  }
  const invalid = await createNotebookImageClient({ projectId: "p", auth: { token: "t" } }).saveInstanceAsImage("x", {}).catch((e) => e);
  out.validation = invalid instanceof RequestValidationError ? invalid.issues.map((i) => i.path) : String(invalid);
} catch (error) {
  out.failure = String(error && error.stack || error);
}
await fetch("/result", { method: "POST", body: JSON.stringify(out) });
`;

let server: Server | undefined;
let browser: Browser | undefined;

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

describe("in a browser", () => {
  it("saves an image with token and AK/SK auth, maps errors, and validates", async () => {
    const bundle = await build({
      stdin: { contents: PAGE_SCRIPT, resolveDir: packageDir },
      bundle: true,
      format: "esm",
      platform: "browser",
      write: false,
      logLevel: "error",
    });
    const script = bundle.outputFiles[0]?.text ?? "";
    let report: (value: unknown) => void = () => {};
    const result = new Promise((resolve) => {
      report = resolve;
    });
    server = createServer((req, res) => {
      if (req.method === "POST" && req.url === "/result") {
        let body = "";
        req.on("data", (chunk) => {
          body += chunk;
        });
        req.on("end", () => {
          res.end();
          report(JSON.parse(body));
        });
      } else if (req.url === "/page.js") {
        res.writeHead(200, { "content-type": "text/javascript" }).end(script);
      } else {
        res
          .writeHead(200, { "content-type": "text/html" })
          .end('<!doctype html><script type="module" src="/page.js"></script>');
      }
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    const outcome = await result;
    expect(outcome).toEqual({
      secureContext: true,
      token: "INIT",
      tokenError: expect.stringMatching(/^404 ModelArts\.\d+: /),
      aksk: "INIT",
      akskError: expect.stringMatching(/^404 ModelArts\.\d+: /),
      validation: ["instanceId", "name", "namespace"],
    });
  }, 90_000);
});
