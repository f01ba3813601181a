// The page that `pnpm dev` serves (scripts/dev.mjs, started here as its own process on a free port),
// read in chromium: it runs without a console error (the live-reload script must not break Redoc's
// inlined JavaScript), search answers, the sidebar navigates, the page offers the local mock and
// the local server as servers, and an edit of the spec reloads the open page with the edit in it. The dev server works
// on a copy of spec/dist and builds into a scratch folder, so the other tests' files stay as they are.
import { type ChildProcess, spawn } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { DEV_CREDENTIALS } from "@notebook-image/server";
import { findOperation } from "@notebook-image/spec/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docsDir, specDistDir } from "../scripts/paths.mjs";
import { type Browser, connectBrowser, visibleText } from "./browser.js";
import { spec } from "./spec.js";

const MOCK_URL = "http://127.0.0.1:9/prism-of-pnpm-dev";
const SERVER_URL = "http://127.0.0.1:9/server-of-pnpm-dev";
let scratch: string;
let dev: ChildProcess;
let url: string;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const devOutput: string[] = [];

/** Starts scripts/dev.mjs and resolves with the URL it prints once it serves. */
function startDev(env: NodeJS.ProcessEnv): Promise<string> {
  dev = spawn(process.execPath, [join(docsDir, "scripts", "dev.mjs")], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const lines = createInterface({ input: dev.stdout as NodeJS.ReadableStream });
  createInterface({ input: dev.stderr as NodeJS.ReadableStream }).on("line", (line) => devOutput.push(line));
  return new Promise((resolve, reject) => {
    lines.on("line", (line) => {
      devOutput.push(line);
      const served = /^\[docs\] serving .* at (http:\/\/\S+?)\/?$/.exec(line);
      if (served?.[1]) resolve(served[1]);
    });
    dev.once("exit", (code) => reject(new Error(`dev.mjs exited with ${code}:\n${devOutput.join("\n")}`)));
  });
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "docs-dev-"));
  await cp(specDistDir, join(scratch, "spec-dist"), { recursive: true });
  url = await startDev({
    DOCS_PORT: "0",
    DOCS_SPEC_DIST_DIR: join(scratch, "spec-dist"),
    DOCS_DIST_DIR: join(scratch, "dist"),
    MOCK_URL,
    SERVER_URL,
  });
  browser = await connectBrowser();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await page.goto(`${url}/`, { waitUntil: "networkidle" });
});

afterAll(async () => {
  await browser?.close();
  if (dev?.pid && dev.exitCode === null) process.kill(-dev.pid, "SIGTERM");
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const sidebar = () => page.locator('[data-component-name="Menu/Menu"]');
const title = String(spec.info && (spec.info as { title: string }).title);

describe("the docs served by pnpm dev", () => {
  it("render without a console error (the reload script leaves Redoc's JavaScript whole)", async () => {
    await expect.poll(() => visibleText(page.locator("h1").first())).toContain(title);
    expect(consoleErrors).toEqual([]);
  });

  it("answer a search (it does not stay Loading…)", async () => {
    const summary = String(findOperation(spec, "ShowImage").operation.summary);
    await page.getByText("Search", { exact: false }).first().click();
    await page.keyboard.type(summary);
    await expect
      .poll(() => page.getByText(summary, { exact: true }).filter({ visible: true }).count())
      .toBeGreaterThan(0);
    expect(await page.getByText("Loading...").filter({ visible: true }).count()).toBe(0);
    await page.keyboard.press("Escape");
  });

  it("navigate from the sidebar to a section of the introduction", async () => {
    await sidebar().getByRole("link", { name: "Errors", exact: true }).first().click();
    const heading = page
      .locator("h1, h2")
      .filter({ hasText: /^\s*Errors\s*$/ })
      .first();
    await expect
      .poll(() => heading.evaluate((element) => Math.abs(element.getBoundingClientRect().top)))
      .toBeLessThan(300);
  });

  it("offer the local mock and the local server of pnpm dev as servers, with the server's token", async () => {
    await expect.poll(() => visibleText(page.locator("body"))).toContain(MOCK_URL);
    const text = await visibleText(page.locator("body"));
    expect(text).toContain(SERVER_URL);
    expect(text).toContain(`X-Auth-Token: ${DEV_CREDENTIALS.token}`);
  });

  it("reload the open page when the spec changes, showing the change", async () => {
    const specJson = join(scratch, "spec-dist", "openapi.json");
    const edited = JSON.parse(await readFile(specJson, "utf8"));
    edited.info.title = `${title} (edited)`;
    const reloaded = page.waitForEvent("load", { timeout: 60_000 });
    await writeFile(specJson, JSON.stringify(edited, null, 2));
    await reloaded;
    await expect.poll(() => visibleText(page.locator("h1").first())).toContain(`${title} (edited)`);
    expect(consoleErrors).toEqual([]);
  });
});
