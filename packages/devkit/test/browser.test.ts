// launchChromium(): Debian's chromium through playwright-core runs a page's script.
import { describe, expect, it, onTestFinished } from "vitest";
import { launchChromium } from "../src/browser.js";

describe("launchChromium()", () => {
  it("opens a page and runs its script", async () => {
    const browser = await launchChromium();
    onTestFinished(() => browser.close());
    const page = await browser.newPage();
    await page.setContent(
      "<p id=out></p><script>document.getElementById('out').textContent = String(6 * 7)</script>",
    );
    expect(await page.locator("#out").textContent()).toBe("42");
  });
});
