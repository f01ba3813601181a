// The page as `pnpm dev` serves it (vite's dev server): it starts filled in for the local server,
// and whatever the user then chooses stays theirs: the mock can be picked and saved to.

import { connectChromium } from "@notebook-image/devkit/browser";
import { DEV_CREDENTIALS, DEV_NOTEBOOK_ID } from "@notebook-image/server";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { EXAMPLE_REQUEST } from "./spec-examples.js";

const devPageUrl = inject("devPageUrl");
const apiUrl = inject("apiUrl");

let browser: Browser;
let page: Page;
/** Requests the page sent to the mock. */
let mockRequests: string[];

beforeAll(async () => {
  browser = await connectChromium(inject("browserEndpoint"));
});
afterAll(() => browser?.close());
beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
  mockRequests = [];
  page.on("request", (request) => {
    if (request.url().startsWith(apiUrl)) mockRequests.push(`${request.method()} ${request.url()}`);
  });
  await page.goto(devPageUrl);
  // The dev server compiles the page's modules on first load: wait until the script has run.
  await expect.poll(() => page.inputValue("#token")).not.toBe("");
});
afterEach(() => page?.close());

const suggestions = () =>
  page.$$eval("#endpoint-suggestions option", (options) =>
    options.map((o) => (o as HTMLOptionElement).value),
  );

describe("the page under pnpm dev", () => {
  it("starts filled in for the local server, offering it beside the mock once", async () => {
    const origin = new URL(devPageUrl).origin;
    expect(await page.inputValue("#endpoint")).toBe(`${origin}/local-server`);
    expect(await page.inputValue("#instance-id")).toBe(DEV_NOTEBOOK_ID);
    expect(await page.inputValue("#token")).toBe(DEV_CREDENTIALS.token);
    expect(await suggestions()).toEqual([`${origin}/local-server`, "http://127.0.0.1:4010"]);
  });

  it("keeps the endpoint the user chose, offers no duplicate, and saves there", async () => {
    // The mock's own URL is the field's HTML default: the case that used to snap back.
    await page.fill("#endpoint", "http://127.0.0.1:4010");
    await page.focus("#name");
    await page.keyboard.type(String(EXAMPLE_REQUEST.name));
    await page.focus("#tag");
    await page.keyboard.type("dev1");
    await page.focus("#description");
    expect(await page.inputValue("#endpoint")).toBe("http://127.0.0.1:4010");
    expect(await suggestions()).toHaveLength(2);

    // Now the test's mock (a free port), and a field emptied on purpose: neither is filled over.
    await page.fill("#endpoint", apiUrl);
    await page.fill("#token", "");
    await page.focus("#name");
    await page.keyboard.type("x");
    expect(await page.inputValue("#endpoint")).toBe(apiUrl);
    expect(await page.inputValue("#token")).toBe("");
    await page.fill("#token", "any-token-for-the-mock");
    await expect.poll(() => page.getAttribute("#submit", "aria-disabled")).toBe("false");
    await page.click("#submit");
    await expect.poll(() => mockRequests.filter((r) => r.startsWith("POST ")).length).toBe(1);
    expect(await page.inputValue("#endpoint")).toBe(apiUrl);
    expect(await suggestions()).toHaveLength(2);
    // Prism answers the save with the spec's example, whatever was sent: the page follows it.
    await expect.poll(() => page.isVisible("#result")).toBe(true);
  });
});
