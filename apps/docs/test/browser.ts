// The docs' view of the shared Chromium (@notebook-image/devkit/browser, launched once by
// test/global-setup.ts): one context of its own at the width of a desktop reader.
import { connectChromium } from "@notebook-image/devkit/browser";
import type { BrowserContext, Locator } from "playwright-core";
import { inject } from "vitest";

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function connectBrowser(viewport = { width: 1440, height: 900 }): Promise<Browser> {
  const browser = await connectChromium(inject("browserEndpoint"));
  try {
    return { context: await browser.newContext({ viewport }), close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** The text a reader sees (Playwright's innerText: hidden parts left out). */
export function visibleText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator, not a DOM node; rendered text is the point.
  return locator.innerText();
}
