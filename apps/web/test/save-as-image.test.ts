// The built page in chromium, against the real Prism mock.
import { mkdirSync } from "node:fs";
import { CREATE_IMAGE_FIELDS, explainErrorCode, validateCreateImageRequest } from "@notebook-image/client";
import { connectChromium } from "@notebook-image/devkit/browser";
import type { Browser, Page, Request } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import {
  EXAMPLE_IMAGE,
  EXAMPLE_INSTANCE_ID,
  EXAMPLE_PROJECT_ID,
  EXAMPLE_REQUEST,
  EXAMPLE_SHOWN_IMAGE,
  operationPath,
} from "./spec-examples.js";

const apiUrl = inject("apiUrl");
const pageUrl = inject("pageUrl");
const screenshots = new URL("../test-results/", import.meta.url);
mkdirSync(screenshots, { recursive: true });

/** The reference page's example, from the spec. */
const valid = {
  "#instance-id": EXAMPLE_INSTANCE_ID,
  "#name": String(EXAMPLE_REQUEST.name),
  "#tag": String(EXAMPLE_REQUEST.tag),
  "#namespace": String(EXAMPLE_REQUEST.namespace),
  "#description": String(EXAMPLE_REQUEST.description),
  "#project-id": EXAMPLE_PROJECT_ID,
  "#token": "page-test-token-5d2e",
};
const ref = (image: Record<string, unknown>) => `${image.name}:${image.tag}`;

let browser: Browser;
let page: Page;
/** Requests the page made to the API, preflights included. */
let apiRequests: Request[];

beforeAll(async () => {
  browser = await connectChromium(inject("browserEndpoint"));
});
afterAll(() => browser?.close());
beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  apiRequests = [];
  page.on("request", (request) => {
    if (request.url().startsWith(apiUrl)) apiRequests.push(request);
  });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(pageUrl);
  expect(errors).toEqual([]);
});
afterEach(() => page?.close());

/** The result panel's term/value pairs. */
function resultDetails(): Promise<Record<string, string>> {
  return page.$$eval("#result dt", (terms) =>
    Object.fromEntries(terms.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent ?? ""])),
  );
}

async function fill(values: Record<string, string>, endpoint = apiUrl) {
  await page.fill("#endpoint", endpoint);
  for (const [selector, value] of Object.entries(values)) await page.fill(selector, value);
}

describe("the Save as Image page", () => {
  it("labels every field, and ties each field's error text to it", async () => {
    const unlabelled = await page.$$eval("input, textarea", (controls) =>
      controls.filter((c) => (c as HTMLInputElement).labels?.length !== 1).map((c) => c.id),
    );
    expect(unlabelled).toEqual([]);
    const untied = await page.$$eval("[data-path]", (controls) =>
      controls
        .filter((c) => !(c.getAttribute("aria-describedby") ?? "").split(" ").includes(`${c.id}-error`))
        .map((c) => c.id),
    );
    expect(untied).toEqual([]);
  });

  it("sets up the body fields from the spec's metadata: required, length limit, default or example", async () => {
    const controls = await page.$$eval("#save-form [name]", (found) =>
      Object.fromEntries(
        found.map((c) => {
          const control = c as HTMLInputElement;
          const marker = control.labels?.[0]?.querySelector(".required") !== null;
          return [
            control.name,
            {
              required: control.required,
              marker,
              maxLength: control.maxLength,
              placeholder: control.placeholder,
            },
          ];
        }),
      ),
    );
    for (const field of CREATE_IMAGE_FIELDS) {
      const control = controls[field.name];
      // A required field without a control would make every save invalid.
      if (field.required) expect(control, field.name).toBeDefined();
      if (control === undefined) continue;
      expect(control.required, field.name).toBe(field.required);
      expect(control.marker, field.name).toBe(field.required);
      if (field.maxLength !== undefined) expect(control.maxLength, field.name).toBe(field.maxLength);
      const hint = field.default ?? field.example;
      if (hint !== undefined) expect(control.placeholder, field.name).toContain(String(hint));
    }
  });

  it("shows a bad name's error as the user types, in the client's words, and blocks the submit", async () => {
    await fill({ ...valid, "#name": "Pytorch 1.4" });
    const error = page.locator("#name-error");
    await expect.poll(() => error.isVisible()).toBe(true);

    const clientIssue = validateCreateImageRequest({
      name: "Pytorch 1.4",
      namespace: valid["#namespace"],
    }).find((issue) => issue.path === "name");
    expect(clientIssue).toBeDefined();
    expect(await error.textContent()).toBe(`Name ${clientIssue?.message.replace(/^name: /, "")}`);
    expect(await page.getAttribute("#name", "aria-invalid")).toBe("true");
    expect(await page.getAttribute("#submit", "aria-disabled")).toBe("true");
    // Only the bad field is marked.
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(1);

    // A browser still delivers clicks to an aria-disabled button (playwright refuses unless forced):
    // the click must show why nothing happens, not send.
    await page.click("#submit", { force: true });
    await expect.poll(() => page.textContent("#form-status")).toBe("Fix the problem above to save.");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("name");
    expect(await page.isVisible("#result")).toBe(false);
    expect(apiRequests).toEqual([]);
    await page.screenshot({ path: new URL("invalid-name.png", screenshots).pathname, fullPage: true });

    // Fixing the name clears the error and unblocks the button.
    await page.fill("#name", valid["#name"]);
    await expect.poll(() => page.getAttribute("#submit", "aria-disabled")).toBe("false");
    expect(await error.isVisible()).toBe(false);
    expect(await page.getAttribute("#name", "aria-invalid")).toBeNull();
  });

  it("on submit, marks every empty required field and sends nothing", async () => {
    await page.fill("#endpoint", apiUrl);
    await page.press("#endpoint", "Enter");
    await expect.poll(() => page.locator('[aria-invalid="true"]').count()).toBeGreaterThanOrEqual(5);
    for (const id of ["instance-id", "name", "namespace", "project-id", "token"]) {
      expect(await page.getAttribute(`#${id}`, "aria-invalid"), id).toBe("true");
      expect(await page.isVisible(`#${id}-error`), id).toBe(true);
    }
    expect(await page.textContent("#name-error")).toBe("Name is required");
    expect(apiRequests).toEqual([]);
  });

  it("saves a valid form, filled and sent with the keyboard only, and follows the image", async () => {
    await page.fill("#endpoint", apiUrl);
    await page.focus("#instance-id");
    // Tab order follows the dialog: instance id, name, tag, namespace, description, workspace, ...
    for (const selector of ["#instance-id", "#name", "#tag", "#namespace", "#description"] as const) {
      expect(await page.evaluate(() => `#${document.activeElement?.id}`)).toBe(selector);
      await page.keyboard.type(valid[selector]);
      await page.keyboard.press("Tab");
    }
    await page.fill("#project-id", valid["#project-id"]);
    await page.fill("#token", valid["#token"]);
    await page.click(".advanced summary");
    await page.fill("#poll-interval", "0.1");
    await page.focus("#token");
    await page.keyboard.press("Enter");

    // The mock answers create-image with its INIT example and ShowImage with its first example.
    await expect.poll(() => page.textContent("#result-title")).toBe(`${ref(EXAMPLE_SHOWN_IMAGE)} is ready`);
    expect(await page.textContent("#swr-path")).toBe(EXAMPLE_SHOWN_IMAGE.swr_path);
    expect(await page.$$eval(".history-status", (items) => items.map((i) => i.textContent))).toEqual([
      EXAMPLE_IMAGE.status,
      EXAMPLE_SHOWN_IMAGE.status,
    ]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("result");

    const posts = apiRequests.filter((r) => r.method() === "POST");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.headers()["x-auth-token"]).toBe(valid["#token"]);
    expect(JSON.parse(posts[0]?.postData() ?? "")).toEqual({
      name: valid["#name"],
      namespace: valid["#namespace"],
      tag: valid["#tag"],
      description: valid["#description"],
    });
    const polls = apiRequests.filter((r) => r.method() === "GET");
    expect(polls.length).toBeGreaterThanOrEqual(1);
    expect(new URL(polls[0]?.url() ?? "").pathname).toBe(
      operationPath("ShowImage", { project_id: valid["#project-id"], id: EXAMPLE_IMAGE.id }),
    );
    await page.screenshot({ path: new URL("saved-image.png", screenshots).pathname, fullPage: true });
  });

  it("shows an API error: the mock's InstanceNotRunning example, asked for with an extra header", async () => {
    await fill(valid);
    await page.click(".advanced summary");
    await page.fill("#extra-headers", "Prefer: code=400, example=InstanceNotRunning");
    await expect.poll(() => page.getAttribute("#submit", "aria-disabled")).toBe("false");
    await page.click("#submit");

    const result = page.locator("#result");
    await expect.poll(() => result.isVisible()).toBe(true);
    expect(await page.textContent("#result-title")).toBe("The API refused the save: HTTP 400 ModelArts.6327");
    expect(await result.textContent()).toContain(`The instance ${valid["#instance-id"]} is not running.`);
    // The client's advice for the code, under the message.
    const hint = explainErrorCode("ModelArts.6327");
    expect(hint).toMatch(/^start the instance first/);
    expect(await page.textContent("#result .hint")).toBe(`Hint: ${hint}`);
    expect(await resultDetails()).toEqual({ "Request ID": expect.stringMatching(/^\S+$/) });
    expect(await result.getAttribute("role")).toBe("alert");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("result");
    await page.screenshot({ path: new URL("api-error.png", screenshots).pathname, fullPage: true });
  });

  it("takes a result away as soon as the form changes: it would be about other values", async () => {
    await fill(valid);
    await page.click(".advanced summary");
    await page.fill("#extra-headers", "Prefer: code=400, example=InstanceNotRunning");
    await expect.poll(() => page.getAttribute("#submit", "aria-disabled")).toBe("false");
    await page.click("#submit");
    await expect.poll(() => page.isVisible("#result")).toBe(true);
    await page.type("#tag", "2");
    expect(await page.isVisible("#result")).toBe(false);
  });

  it("says so when the API cannot be reached", async () => {
    await fill(valid, "http://127.0.0.1:9");
    await page.click("#submit");
    await expect.poll(() => page.isVisible("#result")).toBe(true);
    expect(await page.textContent("#result-title")).toBe("Could not reach the API");
  });

  it("refuses a plain-http endpoint that is not loopback, under the endpoint field", async () => {
    await fill(valid, "http://example.com");
    await page.press("#token", "Enter");
    await expect.poll(() => page.isVisible("#endpoint-error")).toBe(true);
    expect(await page.textContent("#endpoint-error")).toMatch(/^Endpoint must use https:\/\//);
    // Advice the page's user can follow: no client option to set.
    expect(await page.textContent("#endpoint-error")).not.toContain("allowInsecureHttp");
    expect(apiRequests).toEqual([]);
  });
});
