// The store's repositories, on every backend: PGlite (memory and data dir) and a real PostgreSQL.
import { describe, expect, it } from "vitest";
import { image, notebook, PROJECT } from "../../test/support/records.js";
import { storageBackends } from "../../test/support/storage-backends.js";
import { DuplicateImageError, type ImageListQuery } from "../domain/store-port.js";

const listAll = (fields: Partial<ImageListQuery> = {}): ImageListQuery => ({
  projectId: PROJECT,
  limit: 200,
  offset: 0,
  nameFuzzyMatch: true,
  sort: ["updateAt"],
  sortDir: "DESC",
  ...fields,
});

describe.each(storageBackends())("store on $name", (backend) => {
  it("keeps notebooks per project, with their image, and updates only what a patch sets", async () => {
    const store = await backend.open();
    const a = notebook({ name: "a", createAt: 2 });
    const b = notebook({ name: "b", createAt: 1 });
    const elsewhere = notebook({ projectId: "project-b" });
    for (const record of [a, b, elsewhere]) await store.notebooks.insert(record);

    expect(await store.notebooks.get(PROJECT, a.id)).toEqual(a);
    expect(await store.notebooks.get(PROJECT, elsewhere.id)).toBeUndefined();
    expect(await store.notebooks.getById(elsewhere.id)).toEqual(elsewhere);
    expect((await store.notebooks.list(PROJECT)).map((n) => n.name)).toEqual(["b", "a"]);
    await expect(store.notebooks.insert(a)).rejects.toThrow();

    const image = { id: "img", name: "saved", swrPath: "swr.local/ns/saved:1", type: "DEDICATED" as const };
    const updated = await store.notebooks.update(a.id, { status: "SNAPSHOTTING", image, updateAt: 5 });
    expect(updated).toEqual({ ...a, status: "SNAPSHOTTING", image, updateAt: 5 });
    expect(await store.notebooks.update(a.id, { failReason: null })).toEqual(updated);
    expect(await store.notebooks.update(a.id, {})).toEqual(updated);
    expect(await store.notebooks.update("no-such-notebook", { status: "STOPPED" })).toBeUndefined();
  });

  it("stores images with int8 sizes as numbers and refuses a second image of one namespace, name and tag", async () => {
    const store = await backend.open();
    const big = image({ size: 5_000_000_000, name: "big", tag: "1" });
    await store.images.insert(big);
    const stored = await store.images.get(PROJECT, big.id);
    expect(stored).toEqual(big);
    expect(typeof stored?.size).toBe("number");
    expect(typeof stored?.createAt).toBe("number");

    const twin = image({ name: "big", tag: "1", projectId: "project-b" });
    await expect(store.images.insert(twin)).rejects.toBeInstanceOf(DuplicateImageError);
    await store.images.insert({ ...twin, namespace: "other" });
    expect(await store.images.findByTarget({ namespace: "other", name: "big", tag: "1" })).toMatchObject({
      id: twin.id,
    });
    expect(await store.images.count()).toBe(2);

    expect(await store.images.update(big.id, { status: "ACTIVE", size: 387_840_321, updateAt: 9 })).toEqual({
      ...big,
      status: "ACTIVE",
      size: 387_840_321,
      updateAt: 9,
    });
    expect(await store.images.update(big.id, { statusMessage: null })).toMatchObject({ statusMessage: null });
    expect(await store.images.delete("project-b", big.id)).toBe(false);
    expect(await store.images.delete(PROJECT, big.id)).toBe(true);
    expect(await store.images.get(PROJECT, big.id)).toBeUndefined();
    expect(await store.images.delete(PROJECT, big.id)).toBe(false);
  });

  it("lists images with ListImage's filters, paging and sort", async () => {
    const store = await backend.open();
    // Ids in creation order: equal sort keys are ordered by id, in the same direction.
    const records = [
      image({ id: "i1", name: "pytorch", tag: "1", namespace: "ns1", updateAt: 30, createAt: 1 }),
      image({ id: "i2", name: "pytorch-gpu", tag: "1", namespace: "ns1", updateAt: 10, createAt: 2 }),
      image({
        id: "i3",
        name: "tensorflow",
        tag: "1",
        namespace: "ns2",
        updateAt: 20,
        createAt: 3,
        serviceType: "TRAIN",
      }),
      image({
        id: "i4",
        name: "tensor_flow",
        tag: "1",
        namespace: "ns2",
        updateAt: 20,
        createAt: 4,
        workspaceId: "ws",
      }),
      image({
        id: "i5",
        name: "builtin",
        tag: "1",
        namespace: "ns2",
        updateAt: 40,
        createAt: 5,
        type: "BUILD_IN",
      }),
      image({ id: "i6", name: "pytorch", tag: "1", namespace: "ns3", projectId: "project-b" }),
    ];
    for (const record of records) await store.images.insert(record);
    const names = async (query: Partial<ImageListQuery>) => {
      const page = await store.images.list(listAll(query));
      return { names: page.images.map((i) => i.name), total: page.total };
    };

    expect(await names({})).toEqual({
      names: ["builtin", "pytorch", "tensor_flow", "tensorflow", "pytorch-gpu"],
      total: 5,
    });
    expect(await names({ name: "pytorch" })).toEqual({ names: ["pytorch", "pytorch-gpu"], total: 2 });
    expect(await names({ name: "pytorch", nameFuzzyMatch: false })).toEqual({ names: ["pytorch"], total: 1 });
    // An underscore is a character to match, not LIKE's wildcard.
    expect(await names({ name: "r_f" })).toEqual({ names: ["tensor_flow"], total: 1 });
    expect(await names({ namespace: "ns1", sortDir: "ASC" })).toEqual({
      names: ["pytorch-gpu", "pytorch"],
      total: 2,
    });
    expect(await names({ serviceType: "TRAIN" })).toEqual({ names: ["tensorflow"], total: 1 });
    expect(await names({ type: "BUILD_IN" })).toEqual({ names: ["builtin"], total: 1 });
    expect(await names({ workspaceId: "ws" })).toEqual({ names: ["tensor_flow"], total: 1 });
    expect(await names({ sort: ["createAt"], sortDir: "ASC", limit: 2, offset: 1 })).toEqual({
      names: ["pytorch-gpu", "tensorflow"],
      total: 5,
    });
    expect(await names({ sort: ["namespace", "createAt"], sortDir: "ASC" })).toEqual({
      names: ["pytorch", "pytorch-gpu", "tensorflow", "tensor_flow", "builtin"],
      total: 5,
    });
    expect(await names({ offset: 10 })).toEqual({ names: [], total: 5 });
  });

  it("pages through many images with equal sort keys without repeating or missing one", async () => {
    const store = await backend.open();
    const ids = new Set<string>();
    for (let i = 0; i < 45; i++) {
      const record = image({ name: `same-${i}`, updateAt: 7 });
      ids.add(record.id);
      await store.images.insert(record);
    }
    const seen: string[] = [];
    for (let offset = 0; ; offset += 10) {
      const page = await store.images.list(listAll({ limit: 10, offset }));
      seen.push(...page.images.map((i) => i.id));
      if (page.images.length < 10) break;
    }
    expect(seen).toHaveLength(45);
    expect(new Set(seen)).toEqual(ids);
  });

  it("keeps namespaces, adding one twice without error", async () => {
    const store = await backend.open();
    expect(await store.namespaces.exists("atelier-auto")).toBe(false);
    await store.namespaces.add("zeta");
    await store.namespaces.add("atelier-auto");
    await store.namespaces.add("atelier-auto");
    expect(await store.namespaces.exists("atelier-auto")).toBe(true);
    expect(await store.namespaces.list()).toEqual(["atelier-auto", "zeta"]);
  });

  it("starts settings from the defaults, keeps changes, and hands each pending fault to one save only", async () => {
    const defaults = {
      transitions: { mode: "time", creatingAfterMs: 1_500, activeAfterMs: 3_000 } as const,
      faults: { failNextSaves: 0, statusMessage: "" },
    };
    const store = await backend.open(defaults);
    expect(await store.settings.get()).toEqual(defaults);
    await store.settings.setTransitions({ mode: "manual" });
    await store.settings.setFaults({ failNextSaves: 3, statusMessage: "disk full" });
    expect(await store.settings.get()).toEqual({
      transitions: { mode: "manual" },
      faults: { failNextSaves: 3, statusMessage: "disk full" },
    });
    const taken = await Promise.all(Array.from({ length: 10 }, () => store.settings.takeFault()));
    expect(taken.filter((message) => message === "disk full")).toHaveLength(3);
    expect(taken.filter((message) => message === undefined)).toHaveLength(7);
    expect((await store.settings.get()).faults.failNextSaves).toBe(0);
  });

  it("applies all of a transaction's writes or none", async () => {
    const store = await backend.open();
    const kept = notebook();
    const lost = notebook();
    await store.transaction(async (tx) => {
      await tx.notebooks.insert(kept);
      await tx.images.insert(image({ notebookId: kept.id }));
    });
    await expect(
      store.transaction(async (tx) => {
        await tx.notebooks.insert(lost);
        await tx.images.insert(image({ notebookId: lost.id }));
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await store.notebooks.get(PROJECT, kept.id)).toBeDefined();
    expect(await store.notebooks.get(PROJECT, lost.id)).toBeUndefined();
    expect(await store.images.count()).toBe(1);
  });

  it("serialises transactions that lock the same notebook (getForUpdate)", async () => {
    const store = await backend.open();
    const record = notebook({ updateAt: 0 });
    await store.notebooks.insert(record);
    // Each transaction reads the counter under the row lock and writes it + 1: without the lock,
    // concurrent ones read the same value and increments are lost.
    await Promise.all(
      Array.from({ length: 20 }, () =>
        store.transaction(async (tx) => {
          const current = await tx.notebooks.getForUpdate(PROJECT, record.id);
          await new Promise((resolve) => setTimeout(resolve, 1));
          await tx.notebooks.update(record.id, { updateAt: (current?.updateAt ?? 0) + 1 });
        }),
      ),
    );
    expect((await store.notebooks.get(PROJECT, record.id))?.updateAt).toBe(20);
  });

  it("reset removes everything and restores the given settings", async () => {
    const store = await backend.open();
    const record = notebook();
    await store.notebooks.insert(record);
    await store.images.insert(image({ notebookId: record.id }));
    await store.namespaces.add("ns");
    await store.saveJobs.enqueue(
      { id: "job", notebookId: record.id, projectId: PROJECT, takeFault: false, dueAt: 0, createdAt: 1 },
      image(),
    );
    await store.settings.setTransitions({ mode: "manual" });
    const defaults = {
      transitions: { mode: "immediate" } as const,
      faults: { failNextSaves: 2, statusMessage: "x" },
    };
    await store.reset(defaults);
    expect(await store.notebooks.list(PROJECT)).toEqual([]);
    expect(await store.images.count()).toBe(0);
    expect(await store.namespaces.list()).toEqual([]);
    expect(await store.saveJobs.listUnfinished()).toEqual([]);
    expect(await store.settings.get()).toEqual(defaults);
  });
});
