// launchChromium(): Debian's chromium through playwright-core runs a page's script; a chromium
// launched once with launchChromiumServer() serves several connections.
import { describe, expect, it, onTestFinished } from "vitest";
import { connectChromium, launchChromium, launchChromiumServer } from "../src/browser.js";

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

describe("launchChromiumServer() and connectChromium()", () => {
  it("serve one browser to several connections, each closed without ending the browser for the others", async () => {
    const server = await launchChromiumServer();
    onTestFinished(() => server.close());
    const [first, second] = await Promise.all([
      connectChromium(server.wsEndpoint()),
      connectChromium(server.wsEndpoint()),
    ]);
    onTestFinished(() => second.close());
    const answer = async (browser: typeof first) => {
      const page = await browser.newPage();
      await page.setContent(
        "<p id=out></p><script>document.getElementById('out').textContent = 'up'</script>",
      );
      return page.locator("#out").textContent();
    };
    expect(await answer(first)).toBe("up");
    await first.close();
    expect(first.isConnected()).toBe(false);
    expect(await answer(second)).toBe("up");
    // A new connection after one has closed still finds the browser.
    const third = await connectChromium(server.wsEndpoint());
    onTestFinished(() => third.close());
    expect(await answer(third)).toBe("up");
    // It is that server's browser: closing the server ends the connections.
    await server.close();
    await expect.poll(() => third.isConnected()).toBe(false);
  });
});
