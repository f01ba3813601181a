// Debian's chromium driven by playwright-core: Playwright's own browser download cannot be used
// here, and playwright-core brings no browser. Playwright starts chromium on a pipe and ends it
// when this process goes, so the browser needs no watchdog of ours.
import { type Browser, type BrowserServer, chromium } from "playwright-core";

export type { Browser, BrowserServer };

/** scripts/bootstrap.sh installs Debian's chromium there; CHROMIUM_PATH points elsewhere. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// Headless, no sandbox (tests run as root in CI), and none of the browser's own background traffic
// that a test could mistake for the page's.
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A headless chromium; each `browser.newContext()` is a fresh profile held in memory. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/**
 * A chromium that the test files of one run share (a launch costs ~2 CPU-s): a vitest globalSetup
 * launches it and hands its `wsEndpoint()` to the files, which connectChromium() to it.
 */
export function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/**
 * The shared chromium of launchChromiumServer(), at its `wsEndpoint()`. The contexts made through
 * this connection are its own; `close()` ends them and the connection, not the browser.
 */
export function connectChromium(wsEndpoint: string): Promise<Browser> {
  return chromium.connect(wsEndpoint);
}
