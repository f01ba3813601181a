// Opens the built site (apps/docs/dist) in Debian's chromium, served over HTTP like any static host,
// and reads it as a person would: the operation, every field with its constraints, the examples,
// the error responses, the code samples. Field names, constraints and examples come from
// spec/dist/openapi.json, never typed here. Screenshots land in test-results/ for a person to look at.
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distDir, docsDir, specJson, specYaml } from "../scripts/paths.mjs";
import { startStaticServer } from "../scripts/static-server.mjs";
import { type Browser, connectBrowser, visibleText } from "./browser.js";
import { constraintTexts, fieldsOf } from "./constraints.js";
import {
  codeSamples,
  deref,
  jsonContent,
  operation,
  operationPath,
  requestSchema,
  responseExample,
  responseSchema,
  spec,
} from "./spec.js";

const screenshots = join(docsDir, "test-results");

let server: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;
const requests: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  server = await startStaticServer({ root: distDir });
  browser = await connectBrowser();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on("request", (request) => requests.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await mkdir(screenshots, { recursive: true });
  await page.goto(`${server.url}/`, { waitUntil: "networkidle" });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const info = deref(spec.info);
const summary = String(operation.summary);

/** The row of one schema property; Redoc gives each an id ending in `t=<where>&path=<name>`. */
/**
 * The operation's own part of the page (every operation has its request and response panels);
 * Redoc names it `/<tag>/<operationId, lower case>`.
 */
function operationSection(): Locator {
  return page.locator(`[data-section-id$="/${String(operation.operationId).toLowerCase()}"]`);
}

function fieldRow(where: string, name: string): Locator {
  return page.locator(`.schema-property-item[id$="t=${where}&path=${name}"]`);
}

async function expectRowShows(row: Locator, texts: string[], required: boolean) {
  await expect.poll(() => row.count(), { message: `row for ${texts[0]}` }).toBe(1);
  // Nested schemas (array items) render once they scroll into view.
  await row.scrollIntoViewIfNeeded();
  // Long patterns are cut short behind a "Show pattern" toggle.
  const toggle = row.getByText("Show pattern", { exact: true });
  if ((await toggle.count()) > 0) await toggle.first().click();
  for (const piece of texts) {
    await expect
      .poll(() => visibleText(row), { message: `${texts[0]} should show ${piece}` })
      .toContain(piece);
  }
  expect((await visibleText(row)).includes("required"), `${texts[0]} required`).toBe(required);
}

describe("the introduction page", () => {
  it("shows the API title and the sections of the introduction in the sidebar", async () => {
    await expect.poll(() => visibleText(page.locator("h1").first())).toContain(String(info.title));
    const sidebar = page.locator('[data-component-name="Menu/Menu"]');
    // The introduction's own headings, read from info.description.
    const headings = [...String(info.description).matchAll(/^## (.+)$/gm)].map((match) => match[1] ?? "");
    expect(headings.length).toBeGreaterThan(2);
    for (const heading of headings) await expect.poll(() => visibleText(sidebar)).toContain(heading);
  });

  it("links the bundled spec for download, served beside the page", async () => {
    for (const [file, source] of [
      ["openapi.yaml", specYaml],
      ["openapi.json", specJson],
    ] as const) {
      expect(await page.locator(`a[href="${file}"]`).count(), `link to ${file}`).toBeGreaterThan(0);
      const response = await page.request.get(`${server.url}/${file}`);
      expect(response.status()).toBe(200);
      expect(await response.text()).toBe(await readFile(source, "utf8"));
    }
  });

  it("renders the errors table of the introduction", async () => {
    await saveScreenshot("docs-introduction");
    await page.getByRole("link", { name: "Errors", exact: true }).first().click();
    const table = page.locator(".md-table-wrapper table").filter({ hasText: "error_code" });
    await expect.poll(() => table.count()).toBe(1);
    // Every error code that an example response carries is explained in the table, by name or
    // within a range such as "ModelArts.0201 – ModelArts.0212".
    const tableText = await visibleText(table);
    const ranges = [...tableText.matchAll(/(\w+)\.(\d{4}) – \1\.(\d{4})/g)];
    for (const code of exampleErrorCodes()) {
      const [prefix, number] = code.split(".");
      const inRange = ranges.some(
        ([, from, low, high]) =>
          from === prefix && Number(low) <= Number(number) && Number(number) <= Number(high),
      );
      expect(tableText.includes(code) || inRange, `${code} is explained in the errors table`).toBe(true);
    }
  });

  it("gives links that open the same section when copied or opened in a new tab", async () => {
    const sidebar = page.locator('[data-component-name="Menu/Menu"]');
    const href = await sidebar
      .getByRole("link", { name: "Errors", exact: true })
      .first()
      .getAttribute("href");
    expect(href).toMatch(/^#\//);
    const tab = await browser.context.newPage();
    tab.on("request", (request) => requests.push(request.url()));
    tab.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    try {
      const response = await tab.goto(new URL(href ?? "", `${server.url}/`).href, {
        waitUntil: "networkidle",
      });
      expect(response?.status()).toBe(200);
      // The page opens scrolled to that section: its heading is at the top of the window.
      const heading = tab
        .locator("h1, h2")
        .filter({ hasText: /^\s*Errors\s*$/ })
        .first();
      await expect
        .poll(() => heading.evaluate((element) => Math.abs(element.getBoundingClientRect().top)))
        .toBeLessThan(300);
    } finally {
      await tab.close();
    }
  });
});

describe("the image lifecycle in the introduction", () => {
  const description = String(info.description);
  const diagram = /!\[([^\]]+)\]\(([^)]+\.svg)\)/.exec(description);
  const heading = [...description.slice(0, diagram?.index ?? 0).matchAll(/^## (.+)$/gm)].at(-1)?.[1] ?? "";

  it("shows the state diagram as a picture, loaded from the SVG beside the page", async () => {
    expect(diagram, "the introduction has a diagram").not.toBeNull();
    const [, alt = "", src = ""] = diagram ?? [];
    await page
      .locator('[data-component-name="Menu/Menu"]')
      .getByText(heading, { exact: true })
      .first()
      .click();
    const image = page.locator(`img[src="${src}"]`);
    await expect.poll(() => image.count()).toBe(1);
    await image.scrollIntoViewIfNeeded();
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    expect(await image.getAttribute("alt")).toBe(alt);
    // Wide enough to read: it fills most of the middle column.
    const box = await image.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(400);
    const section = page
      .locator("h1, h2")
      .filter({ hasText: new RegExp(`^\\s*${heading}\\s*$`) })
      .first();
    await saveScreenshot("docs-lifecycle", section);
  });
});

describe("the loop in the image lifecycle section", () => {
  it("shows the CLI's and the client's loop as code blocks under its heading", async () => {
    const title = /^### (The loop:.+)$/m.exec(String(info.description))?.[1] ?? "";
    expect(title).not.toBe("");
    const heading = page.locator("h3").filter({ hasText: title }).first();
    await heading.scrollIntoViewIfNeeded();
    await expect.poll(() => heading.isVisible()).toBe(true);
    // The two blocks, rendered as code below the heading, the CLI's first.
    const top = async (locator: Locator) => (await locator.boundingBox())?.y ?? Number.NaN;
    const cli = page.locator("pre").filter({ hasText: "notebook create --name first" }).first();
    const client = page.locator("pre").filter({ hasText: "createNotebook(client" }).first();
    await expect.poll(() => cli.isVisible()).toBe(true);
    expect(await visibleText(cli)).toContain("jq -r .id");
    expect(await visibleText(client)).toContain('until: "RUNNING"');
    const [headingTop, cliTop, clientTop] = await Promise.all([top(heading), top(cli), top(client)]);
    expect(cliTop).toBeGreaterThan(headingTop);
    expect(clientTop).toBeGreaterThan(cliTop);
    await saveScreenshot("docs-lifecycle-loop", heading);
  });
});

describe("the operation page", () => {
  it("is reached from the sidebar and shows the operation's title, method and path", async () => {
    const sidebar = page.locator('[data-component-name="Menu/Menu"]');
    const tagName = String((operation.tags as string[])[0]);
    const operationLink = sidebar.getByText(summary, { exact: true });
    if (!(await operationLink.isVisible())) await sidebar.getByText(tagName, { exact: true }).click();
    await operationLink.click();
    await expect.poll(() => page.getByRole("heading", { name: summary }).count()).toBeGreaterThan(0);
    const requestPanel = operationSection().locator(".panel-request-samples");
    await expect.poll(() => visibleText(requestPanel)).toContain(operationPath);
    expect(await visibleText(requestPanel)).toContain("POST");
    // Shown in full, not cut short by an ellipsis.
    const path = requestPanel.getByText(operationPath, { exact: true }).first();
    const cut = await path.evaluate((element) => element.scrollWidth > element.clientWidth + 1);
    expect(cut, "the operation path is cut short").toBe(false);
  });

  it("lists both path parameters with their constraints", async () => {
    const parameters = deref(deref(spec.paths)[operationPath]).parameters as unknown[];
    expect(parameters.length).toBe(2);
    for (const node of parameters) {
      const parameter = deref(node as never);
      const name = String(parameter.name);
      const row = fieldRow(`request&in=${String(parameter.in)}`, name);
      await expectRowShows(
        row,
        [name, ...constraintTexts(deref(parameter.schema))],
        parameter.required === true,
      );
    }
  });

  it("lists every request body field with its constraints", async () => {
    const fields = fieldsOf(requestSchema);
    expect(fields.map((field) => field.name)).toContain("namespace");
    for (const field of fields)
      await expectRowShows(fieldRow("request", field.name), field.expected, field.required);
  });

  it("lists every field of the 200 response with its constraints", async () => {
    const fields = fieldsOf(responseSchema("200"));
    expect(fields.length).toBeGreaterThan(15);
    for (const field of fields)
      await expectRowShows(fieldRow("response&c=200", field.name), field.expected, field.required);
  });

  it("renders the 200 example response", async () => {
    const panel = operationSection().locator(".panel-response-samples");
    await panel.getByRole("button", { name: "200", exact: true }).click();
    const shown = await visibleText(panel.locator('[data-testid="json-viewer"]'));
    const example = responseExample("200", "SavedImage") as Record<string, unknown>;
    for (const [key, value] of Object.entries(example)) {
      expect(shown).toContain(`"${key}"`);
      if (typeof value !== "object") expect(shown).toContain(JSON.stringify(value));
    }
  });

  it("renders every error response with each of its ModelArts examples", async () => {
    const panel = operationSection().locator(".panel-response-samples");
    const errorStatuses = Object.keys(deref(operation.responses)).filter((status) => /^[45]/.test(status));
    expect(errorStatuses).toContain("400");
    for (const status of errorStatuses) {
      await panel.getByRole("button", { name: status, exact: true }).click();
      const examples = deref(jsonContent(deref(deref(operation.responses)[status])).examples);
      for (const [name, node] of Object.entries(examples)) {
        const example = deref(node);
        const picker = panel.getByRole("button", { name: "Example" });
        if ((await picker.count()) > 0) {
          await picker.click();
          await page.getByRole("menuitem", { name: String(example.summary), exact: true }).click();
        }
        const value = deref(example.value);
        const viewer = panel.locator('[data-testid="json-viewer"]');
        await expect
          .poll(() => visibleText(viewer), { message: `${status} example ${name}` })
          .toContain(JSON.stringify(value.error_code));
        expect(await visibleText(viewer)).toContain(JSON.stringify(value.error_msg));
      }
    }
    // The middle column documents the error body's fields too.
    await operationSection()
      .getByRole("tablist", { name: "Response status" })
      .getByRole("tab", { name: "400", exact: true })
      .click();
    for (const field of fieldsOf(responseSchema("400"))) {
      await expectRowShows(fieldRow("response&c=400", field.name), field.expected, field.required);
    }
  });

  it("offers every x-codeSamples entry in the language menu and shows its source", async () => {
    const panel = operationSection().locator(".panel-request-samples");
    const samples = codeSamples();
    expect(samples.map((sample) => sample.label)).toEqual(
      expect.arrayContaining(["curl", "TypeScript (token)", "TypeScript (AK/SK)", "CLI"]),
    );
    const languageMenu = await expectEverySample(panel, samples);
    // curl first for the screenshot, on a fresh load of the operation's own address (a deep link).
    await languageMenu.click();
    await page.getByRole("menuitem", { name: samples[0]?.label ?? "", exact: true }).click();
    await page.reload({ waitUntil: "networkidle" });
    const heading = page.getByRole("heading", { name: summary }).first();
    await expect.poll(() => heading.count()).toBe(1);
    await saveScreenshot("docs-operation", heading);
  });
});

describe("the pages of the operations that follow a save", () => {
  const others = Object.entries(deref(spec.paths)).flatMap(([path, node]) =>
    Object.entries(deref(node))
      .filter(([method]) => ["get", "post", "put", "delete", "patch"].includes(method))
      .map(([method, item]) => ({ path, method, operation: deref(item) }))
      .filter(({ operation: found }) => found.operationId !== operation.operationId),
  );

  it.each(others.map((entry) => [String(entry.operation.operationId), entry] as const))(
    "%s is reached from the sidebar and shows its method, path and first example",
    async (operationId, { path, method, operation: found }) => {
      const sidebar = page.locator('[data-component-name="Menu/Menu"]');
      const name = String(found.summary);
      const link = sidebar.getByText(name, { exact: true });
      if (!(await link.isVisible()))
        await sidebar.getByText(String((found.tags as string[])[0]), { exact: true }).click();
      await link.click();
      const section = page.locator(`[data-section-id$="/${operationId.toLowerCase()}"]`);
      const requestPanel = section.locator(".panel-request-samples");
      await expect.poll(() => visibleText(requestPanel)).toContain(path);
      expect(await visibleText(requestPanel)).toContain(method.toUpperCase());
      const examples = deref(jsonContent(deref(deref(found.responses)["200"])).examples);
      const first = deref(deref(Object.values(examples)[0]).value);
      const shown = await visibleText(section.locator(".panel-response-samples"));
      for (const key of Object.keys(first)) expect(shown).toContain(`"${key}"`);
      await expectEverySample(requestPanel, codeSamples(operationId));
      if (operationId === "ShowImage")
        await saveScreenshot("docs-show-image", page.getByRole("heading", { name }).first());
    },
  );
});

describe("the whole visit", () => {
  it("logged no console error", () => {
    expect(consoleErrors).toEqual([]);
  });

  it("requested nothing from any host but the site's own", () => {
    const origin = new URL(server.url).origin;
    const outside = requests.filter((url) => !url.startsWith("data:") && new URL(url).origin !== origin);
    expect(requests.length).toBeGreaterThan(3);
    expect(outside).toEqual([]);
  });
});

/**
 * Saves what a reader sees first (the viewport) and the page from there to its end, starting at
 * `anchor` (default: the top). Redoc draws sections lazily around the visible one, so the shot
 * starts where the reader is rather than at the top of a mostly blank page.
 */
async function saveScreenshot(name: string, anchor?: Locator) {
  const top = anchor
    ? await anchor.evaluate((element) => {
        element.scrollIntoView({ block: "start" });
        return Math.max(0, element.getBoundingClientRect().top + window.scrollY - 24);
      })
    : 0;
  await page.evaluate((y) => window.scrollTo(0, y), top);
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(screenshots, `${name}-viewport.png`) });
  const { width, height } = await page.evaluate(() => ({
    width: document.documentElement.clientWidth,
    height: document.documentElement.scrollHeight,
  }));
  await page.screenshot({
    path: join(screenshots, `${name}.png`),
    fullPage: true,
    clip: { x: 0, y: top, width, height: height - top },
  });
}

/**
 * Picks each sample in the request panel's language menu (when there are several) and checks that
 * its source is shown. Returns the menu. The panel's header holds two menus: the server, then the language.
 */
async function expectEverySample(panel: Locator, samples: { label: string; source: string }[]) {
  expect(samples.length).toBeGreaterThan(0);
  const languageMenu = panel.locator('[data-testid="dropdown"] > button[aria-haspopup="menu"]').nth(1);
  for (const sample of samples) {
    // One sample is shown as it is: Redocly has no language menu to pick it from.
    if (samples.length > 1) {
      await languageMenu.click();
      await page.getByRole("menuitem", { name: sample.label, exact: true }).click();
    }
    const code = panel.locator('pre[data-testid="source-code"]');
    await expect
      .poll(async () => normalise(await visibleText(code)), { message: sample.label })
      .toBe(normalise(sample.source));
  }
  return languageMenu;
}

function normalise(code: string): string {
  return code.replace(/\s+/g, " ").trim();
}

/** The error codes of every error example in the spec. */
function exampleErrorCodes(): string[] {
  const codes = new Set<string>();
  for (const [status, node] of Object.entries(deref(operation.responses))) {
    if (!/^[45]/.test(status)) continue;
    for (const example of Object.values(deref(jsonContent(deref(node)).examples))) {
      codes.add(String(deref(deref(example).value).error_code));
    }
  }
  return [...codes];
}
