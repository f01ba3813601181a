// The `pnpm dev: ready` line from the services' own announcements, as turbo prints them (lines
// copied from a real `pnpm dev`, colours included where a terminal gets them).
import { describe, expect, it } from "vitest";
import { createReadyWatcher, readyLine } from "./dev-ready.mjs";

const ANNOUNCEMENTS = [
  "@notebook-image/mock:dev: [12:20:25 PM] › [CLI] ▶  start     Prism is listening on http://127.0.0.1:4011",
  "@notebook-image/web:dev:   \u001b[32m➜\u001b[39m  \u001b[1mLocal\u001b[22m:   \u001b[36mhttp://127.0.0.1:\u001b[1m5174\u001b[22m/\u001b[39m",
  "@notebook-image/server:dev: [12:23:17] INFO: Server listening at http://127.0.0.1:4021",
  "@notebook-image/server:dev: notebook-image-server listening on http://127.0.0.1:4021",
  "@notebook-image/docs:dev: [docs] rebuilt (start): http://127.0.0.1:8081/",
  "@notebook-image/docs:dev: [docs] serving /work/x/apps/docs/dist at http://127.0.0.1:8081/",
];

describe("the ready line", () => {
  it("names the addresses the services announced (not the defaults), in a fixed order, once all have", () => {
    const watcher = createReadyWatcher();
    for (const line of ANNOUNCEMENTS.slice(0, -1)) watcher.read(line);
    expect(watcher.ready).toBeUndefined();
    expect(watcher.missing).toEqual(["docs"]);
    watcher.read(ANNOUNCEMENTS[ANNOUNCEMENTS.length - 1] ?? "");
    const ready = watcher.ready;
    if (!ready) throw new Error("every service announced itself, yet the watcher is not ready");
    expect(readyLine(ready, 82)).toBe(
      "pnpm dev: ready in 82 s: mock http://127.0.0.1:4011 · local server http://127.0.0.1:4021 · " +
        "docs http://127.0.0.1:8081 · Save as Image page http://127.0.0.1:5174 · " +
        "console of the local server http://127.0.0.1:5174/console.html (Ctrl-C stops)",
    );
  });

  it("reads an address from its own task's lines only: a URL another task prints is not taken", () => {
    const watcher = createReadyWatcher();
    watcher.read("@notebook-image/client:dev: Prism is listening on http://127.0.0.1:9999");
    watcher.read("@notebook-image/mock:dev: Prism is listening on http://127.0.0.1:4010");
    // A reload says it again: the first announcement stands.
    watcher.read("@notebook-image/mock:dev: Prism is listening on http://127.0.0.1:4012");
    for (const line of ANNOUNCEMENTS.slice(1)) watcher.read(line);
    expect(watcher.ready?.get("mock")).toBe("http://127.0.0.1:4010");
  });
});
