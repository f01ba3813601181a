// Images read again are answered from memory, and never stale: on PGlite (which this process owns)
// every write of an image holds the row it returned, and a write of one image leaves the others
// held; on PostgreSQL a change by another replica is told by a notice (migration 0004) and
// forgotten; a read or write that an answer of a later statement overtook is not held; a lost
// listening connection forgets everything until it listens again.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "../../test/support/harness.js";
import { postgresDatabase } from "../../test/support/postgres.js";
import { image, job, notebook } from "../../test/support/records.js";
import { DEFAULTS } from "../../test/support/storage-backends.js";
import type { ImageListQuery, ImageRecord, StorePort } from "../domain/store-port.js";
import { ImageMemory } from "./image-memory.js";
import { openStore } from "./open-store.js";

/** A store whose statements are counted. */
async function countedStore(database: { inMemory: true } | { databaseUrl: string }) {
  const statements: string[] = [];
  const store = await openStore({
    ...database,
    defaults: DEFAULTS,
    onStatement: (sql) => statements.push(sql),
  });
  return { store, statements };
}

/** The first page of a project's images, oldest first. */
const pageOf = (projectId: string): ImageListQuery => ({
  projectId,
  limit: 10,
  offset: 0,
  nameFuzzyMatch: true,
  sort: ["createAt"],
  sortDir: "ASC",
});

/** How many statements `fn` sends. */
async function counting<T>(statements: string[], fn: () => Promise<T>): Promise<[T, number]> {
  const before = statements.length;
  const result = await fn();
  return [result, statements.length - before];
}

describe("images on PGlite, which this process owns", () => {
  let store: StorePort;
  let statements: string[];
  beforeAll(async () => {
    ({ store, statements } = await countedStore({ inMemory: true }));
  });
  afterAll(() => store.close());

  it("are held as written: a read after an insert or an update costs no statement", async () => {
    const saved = image({ name: "held" });
    await store.images.insert(saved);
    expect(await counting(statements, () => store.images.get(saved.projectId, saved.id))).toEqual([saved, 0]);
    const updated = await store.images.update(saved.id, { status: "ACTIVE", updateAt: 2_000 });
    expect(updated).toMatchObject({ status: "ACTIVE", updateAt: 2_000 });
    expect(await counting(statements, () => store.images.get(saved.projectId, saved.id))).toEqual([
      updated,
      0,
    ]);
    // Another project does not see it, from memory or not.
    expect(await store.images.get("another-project", saved.id)).toBeUndefined();
  });

  it("a write of one image leaves the others held", async () => {
    const kept = image({ name: "kept" });
    const changed = image({ name: "changed" });
    await store.images.insert(kept);
    await store.images.insert(changed);
    await store.images.update(changed.id, { status: "CREATING", updateAt: 2_000 });
    await store.images.showProgress(changed.id, "pushing", 2_001);
    await store.notebooks.update("no-such-notebook", { status: "STOPPED" });
    expect(await counting(statements, () => store.images.get(kept.projectId, kept.id))).toEqual([kept, 0]);
    // The progress write returns no row: read again, once.
    expect((await store.images.get(changed.projectId, changed.id))?.statusMessage).toBe("pushing");
    expect(await counting(statements, () => store.images.get(changed.projectId, changed.id))).toMatchObject([
      { statusMessage: "pushing" },
      0,
    ]);
  });

  it("a save's image is held as enqueued and as each step wrote it; a deleted one is gone", async () => {
    const parent = notebook();
    await store.notebooks.insert(parent);
    const saved = image({ name: "saved", status: "CREATING", notebookId: parent.id });
    const queued = await store.saveJobs.enqueue(job({ notebookId: parent.id }), saved);
    expect(await counting(statements, () => store.images.get(saved.projectId, saved.id))).toEqual([saved, 0]);
    const claimed = await store.saveJobs.claimNext({ workerId: "w", now: 2_000, leaseMs: 60_000 });
    expect(claimed?.job.id).toBe(queued.id);
    await store.saveJobs.record(
      queued.id,
      "w",
      { job: { phase: "done" }, release: true, image: { status: "ACTIVE", size: 42 } },
      2_001,
    );
    expect(await counting(statements, () => store.images.get(saved.projectId, saved.id))).toMatchObject([
      { status: "ACTIVE", size: 42, updateAt: 2_001 },
      0,
    ]);
    expect(await store.images.delete(saved.projectId, saved.id)).toBe(true);
    expect(await store.images.get(saved.projectId, saved.id)).toBeUndefined();
  });

  it("never answers what a write changed, even when the read was sent before the write", async () => {
    const saved = image({ name: "overtaken" });
    // Inserted inside a transaction, so not held: the read below goes to the database.
    await store.transaction((tx) => tx.images.insert(saved));
    const read = store.images.get(saved.projectId, saved.id);
    const write = store.images.update(saved.id, { status: "ACTIVE", updateAt: saved.updateAt + 1 });
    expect(await read).toEqual(saved);
    await write;
    expect(await store.images.get(saved.projectId, saved.id)).toMatchObject({ status: "ACTIVE" });
  });

  it("does not hold what a transaction read or wrote: another caller never sees it, and it may roll back", async () => {
    const saved = image({ name: "rolled-back" });
    await store.images.insert(saved);
    let outside: Promise<unknown> | undefined;
    await expect(
      store.transaction(async (tx) => {
        await tx.images.update(saved.id, { status: "ACTIVE", updateAt: saved.updateAt + 1 });
        expect(await tx.images.get(saved.projectId, saved.id)).toMatchObject({ status: "ACTIVE" });
        // Asked while the transaction is open: answered once it ended, by the database.
        outside = store.images.get(saved.projectId, saved.id);
        throw new Error("rolled back on purpose");
      }),
    ).rejects.toThrow("rolled back on purpose");
    expect(await outside).toEqual(saved);
    expect(await store.images.get(saved.projectId, saved.id)).toEqual(saved);

    await store.transaction((tx) => tx.images.update(saved.id, { status: "ERROR", updateAt: 3_000 }));
    expect(await store.images.get(saved.projectId, saved.id)).toMatchObject({ status: "ERROR" });
  });

  it("a page listed is held until any image is written", async () => {
    const first = image({ projectId: "listed", name: "first" });
    await store.images.insert(first);
    expect(await store.images.list(pageOf("listed"))).toEqual({ images: [first], total: 1 });
    expect(await counting(statements, () => store.images.list(pageOf("listed")))).toEqual([
      { images: [first], total: 1 },
      0,
    ]);
    const second = image({ projectId: "listed", name: "second", createAt: first.createAt + 1 });
    await store.images.insert(second);
    expect(await store.images.list(pageOf("listed"))).toEqual({ images: [first, second], total: 2 });
    // Any image's write forgets every page, another project's too.
    await store.images.update(image().id, { status: "ACTIVE" });
    await store.images.insert(image({ name: "elsewhere" }));
    expect((await counting(statements, () => store.images.list(pageOf("listed"))))[1]).toBeGreaterThan(0);
  });

  it("hands out copies: changing one does not change what is held", async () => {
    const saved = image({ name: "copied" });
    await store.images.insert(saved);
    const shown = await store.images.get(saved.projectId, saved.id);
    if (shown) shown.status = "ERROR";
    expect(await store.images.get(saved.projectId, saved.id)).toEqual(saved);
  });
});

/** A promise settled by hand: an answer that arrives when the test says. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

describe("ImageMemory, with answers arriving out of order", () => {
  const v1: ImageRecord = image({ name: "ordered", status: "CREATING" });
  const v2: ImageRecord = { ...v1, status: "ACTIVE", updateAt: v1.updateAt + 1 };
  /** What a get answers, and whether it asked the database. */
  const show = async (memory: ImageMemory, answer: ImageRecord) => {
    let asked = false;
    const shown = await memory.get(answer.projectId, answer.id, async () => {
      asked = true;
      return answer;
    });
    return { shown, asked };
  };

  it("a read that a change overtook is not held", async () => {
    const memory = new ImageMemory(true, true);
    const answer = deferred<ImageRecord>();
    const read = memory.get(v1.projectId, v1.id, () => answer.promise);
    memory.touch(v1.id);
    answer.resolve(v1);
    expect(await read).toEqual(v1);
    expect(await show(memory, v2)).toEqual({ shown: v2, asked: true });
    expect(await show(memory, v1)).toEqual({ shown: v2, asked: false });
  });

  it("of two writes of one image, the one answering last is not held when the other answered meanwhile", async () => {
    const memory = new ImageMemory(true, true);
    const first = deferred<ImageRecord>();
    const second = deferred<ImageRecord>();
    const writeFirst = memory.write(
      () => first.promise,
      (row) => [{ id: row.id, image: row }],
    );
    const writeSecond = memory.write(
      () => second.promise,
      (row) => [{ id: row.id, image: row }],
    );
    // The database ran the first, then the second; the second's answer arrives first.
    second.resolve(v2);
    await writeSecond;
    first.resolve(v1);
    await writeFirst;
    expect((await show(memory, v2)).shown).toEqual(v2);
  });

  it("where another process writes, a write's row is not held: its notice will tell", async () => {
    const memory = new ImageMemory(false, true);
    await memory.write(
      async () => v2,
      (row) => [{ id: row.id, image: row }],
    );
    expect(await show(memory, v2)).toEqual({ shown: v2, asked: true });
    expect(await show(memory, v2)).toEqual({ shown: v2, asked: false });
  });

  it("holds nothing while changes are not told, nor what was read before they were again", async () => {
    const memory = new ImageMemory(false, true);
    await show(memory, v1);
    memory.disarm();
    expect(await show(memory, v2)).toEqual({ shown: v2, asked: true });
    expect(await show(memory, v2)).toEqual({ shown: v2, asked: true });
    const answer = deferred<ImageRecord>();
    const read = memory.get(v1.projectId, v1.id, () => answer.promise);
    memory.arm();
    answer.resolve(v1);
    await read;
    expect(await show(memory, v2)).toEqual({ shown: v2, asked: true });
    expect(await show(memory, v1)).toEqual({ shown: v2, asked: false });
  });
});

describe("images on PostgreSQL, where another replica may write", () => {
  let databaseUrl: string;
  let a: Awaited<ReturnType<typeof countedStore>>;
  let b: StorePort;
  beforeAll(async () => {
    databaseUrl = await postgresDatabase();
    a = await countedStore({ databaseUrl });
    b = await openStore({ databaseUrl, defaults: DEFAULTS });
  });
  afterAll(async () => {
    await a?.store.close();
    await b?.close();
  });

  /**
   * Reads on `a` until it answers from memory: a read the notice of b's insert overtook (it comes
   * on its own connection, maybe after the read began) is rightly not held.
   */
  const heldOnA = (saved: ImageRecord) =>
    until(
      () => counting(a.statements, () => a.store.images.get(saved.projectId, saved.id)),
      ([, cost]) => cost === 0,
    );
  /** Reads on `a` until it answers what `done` wants (the notice of another replica's write is on its way). */
  const shownOnA = (saved: ImageRecord, done: (shown: ImageRecord | undefined) => boolean) =>
    until(() => a.store.images.get(saved.projectId, saved.id), done);

  it("are held once read, and forgotten when another replica changes or deletes them", async () => {
    const saved = image({ name: "shared" });
    await b.images.insert(saved);
    expect(await heldOnA(saved)).toEqual([saved, 0]);
    await b.images.update(saved.id, { status: "ACTIVE", updateAt: 2_000 });
    expect(await shownOnA(saved, (shown) => shown?.status === "ACTIVE")).toMatchObject({ updateAt: 2_000 });
    // Held again, then deleted elsewhere.
    await heldOnA(saved);
    await b.images.delete(saved.projectId, saved.id);
    expect(await shownOnA(saved, (shown) => shown === undefined)).toBeUndefined();
  });

  it("a page listed is held, and forgotten when another replica adds an image to it", async () => {
    const first = image({ projectId: "listed-on-a", name: "first" });
    await b.images.insert(first);
    await until(
      () => counting(a.statements, () => a.store.images.list(pageOf("listed-on-a"))),
      ([, cost]) => cost === 0,
    );
    await b.images.insert(image({ projectId: "listed-on-a", name: "second", createAt: first.createAt + 1 }));
    await until(
      () => a.store.images.list(pageOf("listed-on-a")),
      (page) => page.total === 2,
    );
  });

  it("a write on this replica is seen by its next read at once", async () => {
    const saved = image({ name: "own-write" });
    await a.store.images.insert(saved);
    await a.store.images.get(saved.projectId, saved.id);
    await a.store.images.update(saved.id, { status: "CREATE_FAILED", updateAt: 2_000 });
    expect(await a.store.images.get(saved.projectId, saved.id)).toMatchObject({ status: "CREATE_FAILED" });
  });

  it("a lost listening connection forgets what was held; listening again, notices are heard again", async () => {
    const saved = image({ name: "lost-notices" });
    await b.images.insert(saved);
    await heldOnA(saved);
    // Every listening connection of this database is cut (b's too), then the image changes.
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'listen %'",
      );
    } finally {
      await admin.end();
    }
    await b.images.update(saved.id, { status: "ACTIVE", updateAt: 2_000 });
    await shownOnA(saved, (shown) => shown?.status === "ACTIVE");
    // Listening again (after RECONNECT_MS): held, and another change is heard.
    await heldOnA(saved);
    await b.images.update(saved.id, { status: "ERROR", updateAt: 3_000 });
    expect(await shownOnA(saved, (shown) => shown?.status === "ERROR")).toMatchObject({ updateAt: 3_000 });
  });
});
