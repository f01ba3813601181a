// The harnesses' pool of Prism validating proxies (support/validating-proxies.ts): a harness that
// closes gives its proxy to the worker's next harness, which then reaches its own server through
// it; a proxy whose Prism ended while no harness held it is not handed out again.
import { describe, expect, it } from "vitest";
import { DEV_NOTEBOOK_ID, ok, startHarness } from "./support/harness.js";

describe("the harnesses' Prism proxies", () => {
  it("go to the next harness once one closes, and never once their Prism has ended", async () => {
    const first = await startHarness();
    const proxy = first.proxy;
    await first.close();

    const second = await startHarness();
    try {
      expect(second.proxy).toBe(proxy);
      // Through the proxy to the second harness's server, checked by Prism as ever.
      const notebook = await ok<{ id: string }>(
        second.callOperation("ShowNotebook", { id: DEV_NOTEBOOK_ID }),
      );
      expect(notebook.id).toBe(DEV_NOTEBOOK_ID);
    } finally {
      await second.close();
    }

    // Prism ends while the proxy waits for a harness (a crash, a kill): the next harness gets another.
    await proxy.close();
    await proxy.exited;
    const third = await startHarness();
    try {
      expect(third.proxy).not.toBe(proxy);
      const notebook = await ok<{ id: string }>(third.callOperation("ShowNotebook", { id: DEV_NOTEBOOK_ID }));
      expect(notebook.id).toBe(DEV_NOTEBOOK_ID);
    } finally {
      await third.close();
    }
  });
});
