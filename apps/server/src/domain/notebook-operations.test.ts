// The notebook operations' one view of a notebook now (notebook-operations.ts `current`): with an
// engine whose notebooks are containers, ListNotebooks shows what ShowNotebook shows, the
// container's status, not the one last stored.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { notebook } from "../../test/support/records.js";
import { DEFAULTS } from "../../test/support/storage-backends.js";
import type { Engine, EngineNotebook } from "../engine/engine.js";
import { openStore } from "../store/open-store.js";
import { createNotebookOperations } from "./notebook-operations.js";
import type { StorePort } from "./store-port.js";

let store: StorePort;
beforeEach(async () => {
  store = await openStore({ inMemory: true, defaults: DEFAULTS });
});
afterEach(() => store.close());

/** An engine whose one container, of `id`, is in `status`. */
function engineWith(id: string, status: EngineNotebook["status"]): Engine {
  const container = { id, name: id, projectId: "p", status, image: "i", createdAt: new Date(0) };
  return {
    kind: "docker",
    notebooks: { get: async (wanted: string) => (wanted === id ? container : undefined) },
  } as unknown as Engine;
}

describe("a notebook's status on an engine of containers", () => {
  it("is the container's in ListNotebooks as in ShowNotebook", async () => {
    const stored = notebook({ status: "RUNNING" });
    await store.notebooks.insert(stored);
    const operations = createNotebookOperations({
      store,
      clock: { now: () => 5_000 },
      engine: engineWith(stored.id, "STOPPED"),
      builtIn: [],
      registryHost: "r",
    });
    const listed = await operations.listNotebooks(stored.projectId, { limit: 10, offset: 0 }, () => true);
    const shown = await operations.showNotebook(stored.projectId, stored.id);
    expect(shown.status).toBe("STOPPED");
    expect(listed.notebooks.map((n) => n.status)).toEqual(["STOPPED"]);
  });
});
