// The page against the stateful server (startServer()): a save walks INIT → CREATING → ACTIVE
// on screen, a save the control API makes fail shows ModelArts' reason, and the user can stop
// following (the page then stops asking).
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { connectChromium } from "@notebook-image/devkit/browser";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { EXAMPLE_REQUEST } from "./spec-examples.js";

const server = inject("server");
const pageUrl = inject("pageUrl");
const screenshots = new URL("../test-results/", import.meta.url);
mkdirSync(screenshots, { recursive: true });

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}/_control${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(`${method} /_control${path}: ${response.status} ${await response.text()}`);
}

let browser: Browser;
let context: BrowserContext;
let page: Page;
/** ShowImage requests the page made. */
let polls: string[];
/** create-image requests the page made. */
let saveRequests: string[];

beforeAll(async () => {
  browser = await connectChromium(inject("browserEndpoint"));
});
afterAll(() => browser?.close());
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(pageUrl).origin });
  page = await context.newPage();
  polls = [];
  saveRequests = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(server.pageEndpoint)) return;
    if (request.method() === "GET") polls.push(request.url());
    if (request.method() === "POST") saveRequests.push(request.url());
  });
  await page.goto(pageUrl);
});
afterEach(() => context?.close());

let saves = 0;
/** Fills the form for a new RUNNING notebook of the server, under a tag of its own. */
async function fillForServer(pollSeconds = "0.1") {
  const instanceId = randomUUID();
  await control("POST", "/notebooks", { id: instanceId, status: "RUNNING" });
  saves += 1;
  await page.fill("#endpoint", server.pageEndpoint);
  await page.fill("#instance-id", instanceId);
  await page.fill("#name", String(EXAMPLE_REQUEST.name));
  await page.fill("#tag", `web${process.pid}-${saves}`);
  await page.fill("#namespace", server.namespace);
  await page.fill("#project-id", server.projectId);
  await page.fill("#token", server.token);
  await page.click(".advanced summary");
  await page.fill("#poll-interval", pollSeconds);
  await expect.poll(() => page.getAttribute("#submit", "aria-disabled")).toBe("false");
}

const history = () => page.$$eval(".history-status", (items) => items.map((i) => i.textContent));

describe("following a save on the local server", () => {
  it("walks INIT → CREATING → ACTIVE live, then shows the SWR path with a working copy button", async () => {
    await control("PUT", "/transitions", { mode: "time", creatingAfterMs: 500, activeAfterMs: 2500 });
    await fillForServer();
    await page.click("#submit");

    await expect.poll(() => page.textContent(".badge")).toBe("CREATING");
    // While following: the progress bar runs, the clock ticks, the user can stop.
    expect(await page.isVisible(".follow-progress")).toBe(true);
    expect(await page.isVisible("#stop-following")).toBe(true);
    expect(await page.getAttribute("#result", "aria-busy")).toBe("true");
    await expect.poll(() => page.textContent(".elapsed")).not.toBe("0:00");
    await page.screenshot({ path: new URL("following.png", screenshots).pathname, fullPage: true });

    await expect.poll(() => page.textContent("#result-title"), { timeout: 15_000 }).toMatch(/ is ready$/);
    expect(await history()).toEqual(["INIT", "CREATING", "ACTIVE"]);
    expect(await page.isVisible("#stop-following")).toBe(false);
    expect(await page.getAttribute("#result", "aria-busy")).toBeNull();
    const path = await page.textContent("#swr-path");
    expect(path).toMatch(new RegExp(`/${server.namespace}/${EXAMPLE_REQUEST.name}:web\\d+-\\d+$`));

    await page.click("#copy-swr-path");
    await expect.poll(() => page.textContent(".copied")).toBe("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(path);
    await page.screenshot({ path: new URL("image-ready.png", screenshots).pathname, fullPage: true });
  });

  it("shows why a save failed: the status and ModelArts' status_message", async () => {
    await control("PUT", "/transitions", { mode: "immediate" });
    await control("POST", "/faults", {
      failNextSaves: 1,
      statusMessage: "pushing the image to SWR failed: disk full",
    });
    await fillForServer();
    await page.click("#submit");

    await expect.poll(() => page.textContent("#result-title")).toMatch(/ failed: CREATE_FAILED$/);
    // Said once: not also as the last progress message.
    const said = (await page.textContent("#result-body"))?.split(
      "pushing the image to SWR failed: disk full",
    );
    expect(said?.length).toBe(2);
    expect(await page.getAttribute("#result", "role")).toBe("alert");
    expect(await page.isVisible("#stop-following")).toBe(false);
    await page.screenshot({ path: new URL("save-failed.png", screenshots).pathname, fullPage: true });
  });

  it("stops following when asked, says the save goes on, and asks no more", async () => {
    await control("PUT", "/transitions", { mode: "manual" });
    await fillForServer();
    await page.click("#submit");
    await expect.poll(() => polls.length).toBeGreaterThanOrEqual(2);

    await page.click("#stop-following");
    await expect.poll(() => page.textContent("#result-title")).toMatch(/^Stopped following /);
    expect(await page.textContent("#result-body")).toContain("The save goes on in ModelArts");
    const asked = polls.length;
    await page.waitForTimeout(600);
    expect(polls.length).toBe(asked);
    await page.screenshot({ path: new URL("stopped-following.png", screenshots).pathname, fullPage: true });

    // Following again picks the image up where it is.
    await page.click("#follow-again");
    await expect.poll(() => polls.length).toBeGreaterThan(asked);
    expect(await page.isVisible("#stop-following")).toBe(true);
    await page.click("#stop-following");
  });

  it("keeps following while the form is edited: the image is not stale, it is being saved", async () => {
    await control("PUT", "/transitions", { mode: "manual" });
    await fillForServer();
    await page.click("#submit");
    await expect.poll(() => page.isVisible("#stop-following")).toBe(true);
    await page.type("#tag", "x");
    expect(await page.isVisible("#result")).toBe(true);
    expect(await page.isVisible("#stop-following")).toBe(true);
    await page.click("#stop-following");
  });

  it("keeps the followed save while a second one is tried: Save says why it waits, nothing is sent", async () => {
    await control("PUT", "/transitions", { mode: "manual" });
    await fillForServer();
    await page.click("#submit");
    await expect.poll(() => page.isVisible("#stop-following")).toBe(true);
    const title = await page.textContent("#result-title");
    expect(await page.getAttribute("#submit", "aria-disabled")).toBe("true");

    await page.click("#submit", { force: true });
    await expect
      .poll(() => page.textContent("#form-status"))
      .toMatch(/ is being saved: save again once it has ended/);
    expect(await page.textContent("#result-title")).toBe(title);
    expect(await page.isVisible("#stop-following")).toBe(true);
    expect(saveRequests).toHaveLength(1);

    // Once the user stops following, saving is possible again.
    await page.click("#stop-following");
    await expect.poll(() => page.getAttribute("#submit", "aria-disabled")).toBe("false");
    expect(await page.textContent("#form-status")).toBe("");
  });

  it("after a failed save, a save of the same name and tag names the failed image and can delete it", async () => {
    await control("PUT", "/transitions", { mode: "immediate" });
    await control("POST", "/faults", { failNextSaves: 1, statusMessage: "no space left on device" });
    await fillForServer();
    await page.click("#submit");
    await expect.poll(() => page.textContent("#result-title")).toMatch(/ failed: CREATE_FAILED$/);
    const failedId = await page.textContent("#result dd");

    await expect.poll(() => page.getAttribute("#submit", "aria-disabled")).toBe("false");
    await page.click("#submit");
    await expect
      .poll(() => page.textContent("#result-title"))
      .toBe("The API refused the save: HTTP 400 ModelArts.2884");
    await expect.poll(() => page.isVisible("#name-holder")).toBe(true);
    const holder = await page.textContent("#name-holder");
    expect(holder).toContain(
      `is held by image ${failedId}, whose save failed (CREATE_FAILED: no space left on device)`,
    );
    await page.screenshot({
      path: new URL("name-taken-by-failed.png", screenshots).pathname,
      fullPage: true,
    });

    await page.click("#delete-failed-image");
    await expect.poll(() => page.textContent("#name-holder")).toContain(`Deleted image ${failedId}`);
    await page.click("#submit");
    await expect.poll(() => page.textContent("#result-title"), { timeout: 15_000 }).toMatch(/ is ready$/);
  });

  it("answers a bad token with advice about the token only: the page never sends an access key pair", async () => {
    await fillForServer();
    await page.fill("#token", "not-the-server-token");
    await page.click("#submit");
    await expect
      .poll(() => page.textContent("#result-title"))
      .toMatch(/^The API refused the save: HTTP 401 APIGW\.0301$/);
    const hint = await page.textContent("#result .hint");
    expect(hint).toMatch(/check the token/);
    expect(hint).not.toMatch(/access key|clock/i);
  });
});
