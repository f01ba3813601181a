// The console of the local server (console.html) against a server of its own (startServer(), saves
// moved by hand), reached through the page's /local-server proxy as `pnpm dev` serves it: the
// images with their live status, filters, failed ones' reasons and Delete; the notebook instances
// with their current image; the request log. Screenshots at 1280 and 390 px wide.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  ACTIVE_IMAGE_STATUS,
  createNotebookImageClient,
  FAILED_IMAGE_STATUSES,
  type Image,
  LIST_IMAGES_QUERY_FIELDS,
  type ListImagesQuery,
  ModelArtsApiError,
} from "@notebook-image/client";
import { connectChromium } from "@notebook-image/devkit/browser";
import {
  createControlClient,
  DEV_CREDENTIALS,
  DEV_NAMESPACE,
  DEV_NOTEBOOK_ID,
  DEV_PROJECT_ID,
  type RunningServer,
  startServer,
} from "@notebook-image/server";
import type { Browser, Page } from "playwright-core";
import { type PreviewServer, preview } from "vite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { LOCAL_SERVER_PREFIX, localServerProxy } from "../vite.config.js";

const SHOTS = process.env.CONSOLE_SHOTS_DIR ?? fileURLToPath(new URL("../test-results/", import.meta.url));
mkdirSync(SHOTS, { recursive: true });
/** Markup in a failed save's reason: the page must show it as text. */
const REASON = "pushing failed: <b>no space left</b> on device";
/** ListImage's types, as the spec lists them. */
const TYPES = LIST_IMAGES_QUERY_FIELDS.find((field) => field.name === "type")?.enum as string[];

let server: RunningServer;
let page: PreviewServer;
let pageUrl: string;
let browser: Browser;
let tab: Page;
const images: Record<"active" | "failed" | "saving", Image> = {} as never;

beforeAll(async () => {
  server = await startServer({ transitions: { mode: "manual" } });
  page = await preview({
    root: fileURLToPath(new URL("..", import.meta.url)),
    logLevel: "silent",
    preview: {
      host: "127.0.0.1",
      port: 0,
      strictPort: false,
      open: false,
      proxy: localServerProxy(server.url),
    },
  });
  pageUrl = (page.resolvedUrls?.local[0] ?? "").replace(/\/$/, "");
  if (!pageUrl) throw new Error("vite preview did not report its URL");

  // The world the console shows: a saved image, a failed one, one being saved; two notebooks.
  const control = createControlClient(server.url);
  const api = createNotebookImageClient({
    baseUrl: server.url,
    projectId: DEV_PROJECT_ID,
    auth: { token: DEV_CREDENTIALS.token },
  });
  const save = (notebookId: string, tag: string) =>
    api.saveInstanceAsImage(notebookId, { name: "console-demo", tag, namespace: DEV_NAMESPACE });
  const second = await control.createNotebook({ name: "second-notebook" });
  images.active = await save(DEV_NOTEBOOK_ID, "v1");
  await control.advanceImage(images.active.id);
  await control.advanceImage(images.active.id);
  await control.setFaults({ failNextSaves: 1, statusMessage: REASON });
  images.failed = await save(second.id, "broken");
  await control.advanceImage(images.failed.id);
  await control.advanceImage(images.failed.id);
  images.saving = await save(DEV_NOTEBOOK_ID, "v2");

  browser = await connectChromium(inject("browserEndpoint"));
});
afterAll(async () => {
  await browser?.close();
  await page?.close();
  await server?.close();
});

const api = () =>
  createNotebookImageClient({
    baseUrl: server.url,
    projectId: DEV_PROJECT_ID,
    auth: { token: DEV_CREDENTIALS.token },
  });
const rowOf = (image: Image) => tab.locator("#images tbody tr", { hasText: image.id });
const cellsOf = (image: Image) => rowOf(image).locator("td").allTextContents();
const statusOf = async (image: Image) => (await cellsOf(image))[1];

describe("the console of the local server", () => {
  it("is linked from the main page when the endpoint is the local server, and gets its project and token", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    tab = await context.newPage();
    await tab.goto(`${pageUrl}/`);
    await expect.poll(() => tab.isHidden("#console-link")).toBe(true);
    await tab.fill("#endpoint", `${pageUrl}${LOCAL_SERVER_PREFIX}`);
    await tab.fill("#project-id", DEV_PROJECT_ID);
    await tab.fill("#token", DEV_CREDENTIALS.token);
    await expect.poll(() => tab.isVisible("#console-link")).toBe(true);
    await tab.click("#console-link a");
    await tab.waitForURL(/console\.html$/);
    // Nothing of the token in the address.
    expect(tab.url()).not.toContain(DEV_CREDENTIALS.token);
    await expect.poll(() => tab.inputValue("#console-project-id")).toBe(DEV_PROJECT_ID);
    await expect.poll(() => rowOf(images.active).count()).toBe(1);
  });

  it("lists the images with their status and message; a failed one's reason is shown as text", async () => {
    expect(await statusOf(images.active)).toBe(ACTIVE_IMAGE_STATUS);
    expect(await statusOf(images.saving)).toBe(images.saving.status);
    const failed = await cellsOf(images.failed);
    expect(failed.slice(0, 4)).toEqual([
      "console-demo:broken",
      FAILED_IMAGE_STATUSES[0],
      images.failed.type,
      REASON,
    ]);
    // The server's text is data: no element was made of its markup.
    expect(await rowOf(images.failed).locator("b").count()).toBe(0);
    expect(await tab.getAttribute(`#images button[data-image-id="${images.failed.id}"]`, "aria-label")).toBe(
      "Delete console-demo:broken",
    );
  });

  it("shows a status as it changes (live), and the notebook's current image once saved", async () => {
    await createControlClient(server.url).advanceImage(images.saving.id);
    await expect.poll(() => statusOf(images.saving)).toBe("CREATING");
    const notebooks = async () => tab.locator("#notebooks tbody tr").allInnerTexts();
    await expect
      .poll(notebooks)
      .toEqual([expect.stringContaining(DEV_NOTEBOOK_ID), expect.stringContaining("second-notebook")]);
    const development = tab.locator("#notebooks tbody tr", { hasText: DEV_NOTEBOOK_ID }).locator("td");
    // SNAPSHOTTING while its save runs; the image it runs is the one saved before.
    await expect.poll(() => development.nth(1).textContent()).toBe("SNAPSHOTTING");
    expect(await development.nth(2).textContent()).toBe("console-demo");
    expect(await development.nth(2).getAttribute("title")).toContain(images.active.id);
  });

  it("filters by status (on the page) and by type (ListImage's)", async () => {
    await tab.selectOption("#filter-status", FAILED_IMAGE_STATUSES[0] as string);
    await expect.poll(() => tab.locator("#images tbody tr").count()).toBe(1);
    expect(await rowOf(images.failed).count()).toBe(1);
    const rows = () => tab.locator("#images tbody tr").count();
    // Every type: the three saved here and the server's built-in ones.
    const other = TYPES.find((type) => type !== images.active.type) as string;
    const others: Image[] = [];
    for await (const image of api().listImages({ type: other as NonNullable<ListImagesQuery["type"]> }))
      others.push(image);
    await tab.selectOption("#filter-status", "");
    await expect.poll(rows).toBe(3 + others.length);
    const types = await tab.$$eval("#filter-type option", (options) => options.map((o) => o.textContent));
    expect(types).toEqual(["All types", ...TYPES]);
    // One type: ListImage's own filter.
    await tab.selectOption("#filter-type", other);
    await expect.poll(rows).toBe(Math.max(1, others.length));
    expect(await rowOf(images.active).count()).toBe(0);
    await tab.selectOption("#filter-type", images.active.type as string);
    await expect.poll(rows).toBe(3);
  });

  it("lists the requests of the last minutes, without their query string or any credential", async () => {
    const log = tab.locator("#requests tbody tr");
    await expect.poll(() => log.count()).toBeGreaterThan(3);
    const rows = await log.allInnerTexts();
    const save = rows.find((row) => row.includes("POST") && row.includes("/create-image"));
    expect(save).toMatch(/\b200\b/);
    // Each row's request id is the one the server sent back.
    const firstId = await log.first().locator("td").nth(5).textContent();
    expect(firstId).toMatch(/\S{8,}/);
    expect(rows.join("\n")).not.toContain("?");
    expect(await tab.content()).not.toContain(DEV_CREDENTIALS.token);
  });

  it("deletes an image after asking, and the row goes", async () => {
    const asked: string[] = [];
    tab.once("dialog", (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await tab.click(`#images button[data-image-id="${images.failed.id}"]`);
    await expect.poll(() => rowOf(images.failed).count()).toBe(0);
    expect(asked).toEqual(["Delete the image console-demo:broken? This cannot be undone."]);
    await expect(api().getImage(images.failed.id)).rejects.toBeInstanceOf(ModelArtsApiError);
  });

  it("is readable at 1280 and 390 px wide: no sideways scrolling of the page", async () => {
    await tab.setViewportSize({ width: 1280, height: 900 });
    await tab.screenshot({ path: `${SHOTS}/console-1280.png`, fullPage: true });
    expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await tab.setViewportSize({ width: 390, height: 844 });
    await tab.screenshot({ path: `${SHOTS}/console-390.png`, fullPage: true });
    expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Every control has its label.
    for (const id of ["console-project-id", "console-token", "filter-type", "filter-status"]) {
      expect(await tab.locator(`label[for="${id}"]`).count(), id).toBe(1);
    }
    await tab.context().close();
  });
});
