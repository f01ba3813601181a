// Under `pnpm dev`, a spec edit rebuilds the client, whose tsc rewrites every file of its dist/: the
// open page reloads once and vite says so in one line (it reloaded, and printed a line, per file).
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { connectChromium } from "@notebook-image/devkit/browser";
import type { Browser } from "playwright-core";
import { createLogger, createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const clientDist = dirname(createRequire(import.meta.url).resolve("@notebook-image/client"));
const logged: string[] = [];
let server: ViteDevServer;
let browser: Browser;

beforeAll(async () => {
  const logger = createLogger("info");
  logger.info = (message) => {
    logged.push(message);
  };
  server = await createServer({
    root,
    customLogger: logger,
    server: { host: "127.0.0.1", port: 0, strictPort: false, open: false },
  });
  await server.listen();
  browser = await connectChromium(inject("browserEndpoint"));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the page under pnpm dev, when the client is rebuilt", () => {
  it("reloads once, with one line, however many of the client's files were rewritten", async () => {
    const page = await browser.newPage();
    const url = server.resolvedUrls?.local[0] ?? "";
    await page.goto(url);
    // The page has loaded the client's modules: their changes concern it.
    await expect.poll(() => page.inputValue("#token")).not.toBe("");
    let loads = 0;
    page.on("load", () => {
      loads += 1;
    });
    logged.length = 0;

    // What a rebuild looks like to vite's watcher: every file of the client's dist/ changed.
    const files = readdirSync(clientDist, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".js"))
      .map((file) => join(clientDist, file));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) server.watcher.emit("change", file);

    await expect.poll(() => loads).toBe(1);
    await expect.poll(() => logged.filter((line) => line.includes("the client was rebuilt"))).toHaveLength(1);
    // No later reload, and no line per file.
    await page.waitForTimeout(1_000);
    expect(loads).toBe(1);
    expect(logged.filter((line) => line.includes("page reload "))).toEqual([]);
    await page.close();
  });
});
