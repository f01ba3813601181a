// remembered-images.ts lists by hand the store's methods that write images, so that the memory of
// images (ShowImage, ListImages) hears of every change. This test makes that list impossible to
// leave behind: it calls every method of the store's repositories once, with the images held in
// memory first, and then the memory must answer what the database holds. A method that writes
// images without being in that list leaves an image (or a page) stale, and fails here.
// Every method is enumerated twice: by type (`CALLS` must name each method of the port, or the
// typecheck fails) and at run time (the store's repositories must have no method CALLS leaves out).
// PGlite in memory: this process owns the data, so a row held there stays held until a write of it
// is told; nothing else (no notice) would correct it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { image, job, notebook, PROJECT } from "../../test/support/records.js";
import { DEFAULTS } from "../../test/support/storage-backends.js";
import type {
  ImageListQuery,
  ImageRecord,
  NotebookRecord,
  SaveJob,
  StorePort,
  StoreSession,
} from "../domain/store-port.js";
import { openStore } from "./open-store.js";

/** The worker that holds the fixture's claimed job. */
const WORKER = "worker-a";
const NOW = 10_000;

/** What every call starts from: a job claimed by WORKER, a job due and unclaimed, a plain image. */
interface Fixture {
  /** Its save is claimed by WORKER (the image CREATING). */
  claimedNotebook: NotebookRecord;
  claimedImage: ImageRecord;
  claimedJob: SaveJob;
  /** Its save is due and held by no worker. */
  queuedNotebook: NotebookRecord;
  queuedImage: ImageRecord;
  queuedJob: SaveJob;
  /** An image that no save made. */
  plainImage: ImageRecord;
}

type Call = (store: StorePort, fixture: Fixture) => Promise<unknown>;

/** One call of each method of each repository, as a caller would make it. */
const CALLS: { [Repository in keyof StoreSession]: { [Method in keyof StoreSession[Repository]]: Call } } = {
  notebooks: {
    get: (store, f) => store.notebooks.get(PROJECT, f.claimedNotebook.id),
    getForUpdate: (store, f) => store.notebooks.getForUpdate(PROJECT, f.claimedNotebook.id),
    getById: (store, f) => store.notebooks.getById(f.claimedNotebook.id),
    list: (store) => store.notebooks.list(PROJECT),
    listAll: (store) => store.notebooks.listAll(),
    insert: (store) => store.notebooks.insert(notebook()),
    update: (store, f) => store.notebooks.update(f.claimedNotebook.id, { status: "STOPPED", updateAt: NOW }),
    delete: (store, f) => store.notebooks.delete(f.queuedNotebook.id),
  },
  images: {
    get: (store, f) => store.images.get(PROJECT, f.plainImage.id),
    findByTarget: (store, f) => store.images.findByTarget(f.plainImage),
    list: (store) => store.images.list(page()),
    listAll: (store) => store.images.listAll(),
    insert: (store) => store.images.insert(image({ name: "inserted" })),
    update: (store, f) => store.images.update(f.plainImage.id, { status: "ACTIVE", size: 7, updateAt: NOW }),
    showProgress: (store, f) => store.images.showProgress(f.claimedImage.id, "pushing", NOW),
    delete: (store, f) => store.images.delete(PROJECT, f.plainImage.id),
    count: (store) => store.images.count(),
  },
  namespaces: {
    exists: (store) => store.namespaces.exists("atelier-auto"),
    add: (store) => store.namespaces.add(`added-${randomUUID().slice(0, 8)}`),
    list: (store) => store.namespaces.list(),
  },
  saveJobs: {
    enqueue: async (store) => {
      const parent = notebook();
      await store.notebooks.insert(parent);
      return store.saveJobs.enqueue(
        job({ notebookId: parent.id, dueAt: NOW }),
        image({ name: "enqueued", notebookId: parent.id }),
      );
    },
    get: (store, f) => store.saveJobs.get(f.claimedJob.id),
    getByImage: (store, f) => store.saveJobs.getByImage(f.claimedImage.id),
    activeForNotebook: (store, f) => store.saveJobs.activeForNotebook(f.claimedNotebook.id),
    claimNext: (store) => store.saveJobs.claimNext({ workerId: WORKER, now: NOW, leaseMs: 60_000 }),
    record: (store, f) =>
      store.saveJobs.record(
        f.claimedJob.id,
        WORKER,
        {
          job: { phase: "done" },
          release: true,
          image: { status: "ACTIVE", size: 42 },
          notebook: { status: "RUNNING" },
        },
        NOW,
      ),
    renew: (store, f) => store.saveJobs.renew(f.claimedJob.id, WORKER, NOW + 60_000, NOW),
    release: (store, f) => store.saveJobs.release(f.claimedJob.id, WORKER, NOW),
    setDue: (store, f) => store.saveJobs.setDue(f.queuedJob.id, NOW + 60_000, NOW),
    listInterrupted: (store) => store.saveJobs.listInterrupted(NOW + 3_600_000),
    releaseAll: (store) => store.saveJobs.releaseAll(NOW),
    nextDueAt: (store) => store.saveJobs.nextDueAt(),
    listUnfinished: (store) => store.saveJobs.listUnfinished(),
  },
  settings: {
    get: (store) => store.settings.get(),
    setTransitions: (store) => store.settings.setTransitions({ mode: "manual" }),
    setFaults: (store) => store.settings.setFaults({ failNextSaves: 1, statusMessage: "broken" }),
    takeFault: (store) => store.settings.takeFault(),
  },
};

/** The first page of the project's images, oldest first, as ListImages asks for it. */
const page = (): ImageListQuery => ({
  projectId: PROJECT,
  limit: 50,
  offset: 0,
  nameFuzzyMatch: true,
  sort: ["createAt"],
  sortDir: "ASC",
});

async function makeFixture(store: StorePort): Promise<Fixture> {
  const claimedNotebook = notebook();
  const queuedNotebook = notebook();
  await store.notebooks.insert(claimedNotebook);
  await store.notebooks.insert(queuedNotebook);
  const claimedImage = image({ name: "claimed", status: "CREATING", notebookId: claimedNotebook.id });
  const queuedImage = image({ name: "queued", notebookId: queuedNotebook.id, createAt: 2_000 });
  const plainImage = image({ name: "plain", createAt: 3_000 });
  const claimedJob = await store.saveJobs.enqueue(
    job({ notebookId: claimedNotebook.id, dueAt: 1 }),
    claimedImage,
  );
  const claimed = await store.saveJobs.claimNext({ workerId: WORKER, now: 2, leaseMs: 3_600_000 });
  expect(claimed?.job.id).toBe(claimedJob.id);
  const queuedJob = await store.saveJobs.enqueue(
    job({ notebookId: queuedNotebook.id, dueAt: 5 }),
    queuedImage,
  );
  await store.images.insert(plainImage);
  return { claimedNotebook, claimedImage, claimedJob, queuedNotebook, queuedImage, queuedJob, plainImage };
}

/** ShowImage's and ListImages' answers, from memory where it holds them. */
async function answers(store: StorePort, ids: readonly string[]) {
  return {
    shown: await Promise.all(ids.map((id) => store.images.get(PROJECT, id))),
    listed: await store.images.list(page()),
  };
}

/** The same answers read from the database (listAll is never answered from memory). */
async function inDatabase(store: StorePort, ids: readonly string[]) {
  const rows = await store.images.listAll();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ofProject = rows.filter((row) => row.projectId === PROJECT);
  return {
    shown: ids.map((id) => byId.get(id)),
    listed: { images: ofProject.slice(0, page().limit), total: ofProject.length },
  };
}

let store: StorePort;
beforeAll(async () => {
  store = await openStore({ inMemory: true, defaults: DEFAULTS });
});
afterAll(() => store?.close());
beforeEach(() => store.reset(DEFAULTS));

describe("the memory of images hears of every write of the store", () => {
  it("is given a call of every method the store's repositories have", () => {
    for (const repository of Object.keys(CALLS) as (keyof StoreSession)[]) {
      expect(Object.keys(store[repository]).sort(), repository).toEqual(
        Object.keys(CALLS[repository]).sort(),
      );
    }
  });

  const calls = Object.entries(CALLS).flatMap(([repository, methods]) =>
    Object.entries(methods).map(([method, call]) => ({
      name: `${repository}.${method}`,
      call: call as Call,
    })),
  );
  it.each(calls)("$name leaves no image stale in memory", async ({ call }) => {
    const fixture = await makeFixture(store);
    const ids = [fixture.claimedImage.id, fixture.queuedImage.id, fixture.plainImage.id];
    // Held now: every image, and the page.
    expect(await answers(store, ids)).toEqual(await inDatabase(store, ids));
    await call(store, fixture);
    const all = (await store.images.listAll()).map((row) => row.id);
    const seen = [...new Set([...ids, ...all])];
    expect(await answers(store, seen)).toEqual(await inDatabase(store, seen));
  });

  it("a transaction's writes and a reset leave no image stale", async () => {
    const fixture = await makeFixture(store);
    const ids = [fixture.claimedImage.id, fixture.plainImage.id];
    await answers(store, ids);
    await store.transaction((tx) =>
      tx.images.update(fixture.plainImage.id, { status: "ERROR", updateAt: NOW }),
    );
    expect(await answers(store, ids)).toEqual(await inDatabase(store, ids));
    await store.reset(DEFAULTS);
    expect(await answers(store, ids)).toEqual(await inDatabase(store, ids));
  });
});
