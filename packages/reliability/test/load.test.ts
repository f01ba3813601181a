// Load: 500 concurrent calls through the client against the Prism mock all succeed, and the
// sockets they opened are all released afterwards.
//
// How sockets are counted: process.getActiveResourcesInfo() lists one "TCPSocketWrap" per open TCP
// socket of this process (each vitest test file runs in its own worker process, so nothing else of
// ours is counted). Node's fetch keeps idle sockets alive for reuse and closes them after its
// keep-alive timeout (4 s, or the server's hint minus 1 s); the test waits for that, with a
// generous bound, instead of closing the pool itself, so a leaked socket (a body never read, a
// timer that keeps a connection) would keep the count above the baseline and fail the test.
import { randomUUID } from "node:crypto";
import { createNotebookImageClient } from "@notebook-image/client";
import { describe, expect, inject, it } from "vitest";
import { exampleProjectId, exampleRequest, referenceImage } from "./support/spec.js";

const CALLS = 500;
const RELEASE_BOUND_MS = 30_000;

const openTcpSockets = () => process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap").length;

async function waitUntil(condition: () => boolean, boundMs: number): Promise<boolean> {
  const deadline = Date.now() + boundMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

describe("load", () => {
  it(`${CALLS} concurrent saveInstanceAsImage calls all succeed and release their sockets`, async () => {
    const mockUrl = inject("mockUrl");
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    const baseline = openTcpSockets();
    const common = { projectId: exampleProjectId, baseUrl: mockUrl };
    // Half with a token, half signed with AK/SK: signing must hold up under concurrency too.
    const clients = [
      createNotebookImageClient({ ...common, auth: { token: "load-token" } }),
      createNotebookImageClient({ ...common, auth: { accessKey: "LOADAK", secretKey: "load-secret-key" } }),
    ] as const;

    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, openTcpSockets());
    }, 5);
    const results = await Promise.allSettled(
      Array.from({ length: CALLS }, (_, i) =>
        (i % 2 === 0 ? clients[0] : clients[1]).saveInstanceAsImage(randomUUID(), {
          ...exampleRequest,
          tag: `load-${i}`,
        }),
      ),
    );

    clearInterval(sampler);

    const failures = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
    expect(failures, "failed calls").toEqual([]);
    for (const r of results) expect(r.status === "fulfilled" && r.value).toEqual(referenceImage);

    // The count does see the calls' sockets (so "back to baseline" means something).
    expect(peak).toBeGreaterThan(baseline);
    const afterCalls = openTcpSockets();
    const released = await waitUntil(() => openTcpSockets() <= baseline, RELEASE_BOUND_MS);
    console.info(
      `load: open TCP sockets: ${baseline} before, ${peak} at the peak, ${afterCalls} just after, ${openTcpSockets()} at the end`,
    );
    expect(released, `open TCP sockets: ${openTcpSockets()}, baseline ${baseline}`).toBe(true);
    process.off("unhandledRejection", onUnhandled);
    expect(unhandled, "unhandled rejections").toEqual([]);
  });
});
