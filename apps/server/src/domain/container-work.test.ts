// The work on notebook containers after the answer (container-work.ts), on a store in memory and
// an engine whose containers are a map: what a failure records, and what a server killed
// mid-work leaves for the next one to finish.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { notebook } from "../../test/support/records.js";
import { DEFAULTS } from "../../test/support/storage-backends.js";
import type { Engine, EngineNotebook } from "../engine/engine.js";
import { openStore } from "../store/open-store.js";
import { createContainerWork } from "./container-work.js";
import { followEngine } from "./follow-engine.js";
import type { NotebookRecord, StorePort } from "./store-port.js";

type EngineNotebooks = NonNullable<Engine["notebooks"]>;

let store: StorePort;
beforeEach(async () => {
  store = await openStore({ inMemory: true, defaults: DEFAULTS });
});
afterEach(() => store.close());

const clock = { now: () => 5_000 };

/** Containers by notebook id, in the status given; `create` refuses with `createFails` when set. */
function fakeEngine(statuses: Record<string, EngineNotebook["status"]>, createFails?: string) {
  const removed: string[] = [];
  const container = (id: string): EngineNotebook | undefined => {
    const status = statuses[id];
    return status && { id, name: id, projectId: "p", status, image: "i", createdAt: new Date(0) };
  };
  const notebooks: EngineNotebooks = {
    list: async () => [],
    get: async (id) => container(id),
    create: async (input) => {
      if (createFails) throw new Error(createFails);
      statuses[input.id as string] = "RUNNING";
      return container(input.id as string) as EngineNotebook;
    },
    start: async (id) => {
      statuses[id] = "RUNNING";
    },
    stop: async (id) => {
      statuses[id] = "STOPPED";
    },
    remove: async (id) => {
      delete statuses[id];
      removed.push(id);
    },
    provideBuiltIn: async () => undefined,
  };
  return { notebooks, removed };
}

const image = {
  type: "BUILD_IN" as const,
  swrPath: "r/atelier/base:1",
  target: { registryHost: "r", namespace: "atelier", name: "base", tag: "1" },
};

describe("the work on notebook containers", () => {
  it("a create the engine refuses ends CREATE_FAILED with the engine's message; one it runs is RUNNING", async () => {
    const failing = notebook({ status: "CREATING" });
    await store.notebooks.insert(failing);
    const broken = createContainerWork({
      store,
      clock,
      ...fakeEngine({}, "the engine could not pull r/x:1"),
    });
    broken.create(failing, image);
    await broken.close();
    expect(await store.notebooks.getById(failing.id)).toMatchObject({
      status: "CREATE_FAILED",
      failReason: "the engine could not pull r/x:1",
    });

    const created = notebook({ status: "CREATING" });
    await store.notebooks.insert(created);
    const work = createContainerWork({ store, clock, ...fakeEngine({}) });
    work.create(created, image);
    await work.close();
    expect(await store.notebooks.getById(created.id)).toMatchObject({ status: "RUNNING", failReason: null });
  });

  it("a stop the engine fails keeps the container's status with the failure as fail_reason, until that status changes", async () => {
    const running = notebook({ status: "STOPPING" });
    await store.notebooks.insert(running);
    const statuses: Record<string, EngineNotebook["status"]> = { [running.id]: "RUNNING" };
    const engine = fakeEngine(statuses);
    engine.notebooks.stop = async () => {
      throw new Error("the engine timed out stopping the container");
    };
    const work = createContainerWork({ store, clock, notebooks: engine.notebooks });
    work.stop(running);
    await work.close();
    const failed = await store.notebooks.getById(running.id);
    expect(failed).toMatchObject({
      status: "RUNNING",
      failReason: "the stop failed: the engine timed out stopping the container",
    });

    // Followed on a read: kept while the container runs, gone once it has stopped.
    const asEngine = { kind: "docker", notebooks: engine.notebooks } as unknown as Engine;
    const read = () => followEngine(failed as NotebookRecord, asEngine, store.notebooks, clock);
    expect((await read()).failReason).toMatch(/the stop failed/);
    statuses[running.id] = "STOPPED";
    expect(await read()).toMatchObject({ status: "STOPPED", failReason: null });
  });

  it("resume finishes what a killed server left: deletes, and follows or fails the rest", async () => {
    const deleting = notebook({ status: "DELETING" });
    const creatingNoContainer = notebook({ status: "CREATING" });
    const starting = notebook({ status: "STARTING" });
    const stopping = notebook({ status: "STOPPING" });
    const planned = notebook({ status: "CREATING", steps: [{ status: "RUNNING", at: null }] });
    for (const record of [deleting, creatingNoContainer, starting, stopping, planned])
      await store.notebooks.insert(record);
    const engine = fakeEngine({
      [deleting.id]: "STOPPED",
      [starting.id]: "RUNNING",
      [stopping.id]: "STOPPED",
    });
    const work = createContainerWork({ store, clock, notebooks: engine.notebooks });
    await work.resume();
    await work.close();

    expect(engine.removed).toEqual([deleting.id]);
    expect(await store.notebooks.getById(deleting.id)).toBeUndefined();
    expect(await store.notebooks.getById(creatingNoContainer.id)).toMatchObject({
      status: "CREATE_FAILED",
      failReason: expect.stringMatching(/server stopped before/),
    });
    expect((await store.notebooks.getById(starting.id))?.status).toBe("RUNNING");
    expect((await store.notebooks.getById(stopping.id))?.status).toBe("STOPPED");
    expect((await store.notebooks.getById(planned.id))?.status).toBe("CREATING");
  });
});
