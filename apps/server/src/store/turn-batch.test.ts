// The store's calls of one event-loop turn sent as one statement (turn-batch.ts), counted at the
// driver, on PGlite and PostgreSQL: enqueues, notebook reads and claims; and a group that one
// refusal undoes answers each call on its own, as if it had been sent alone.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { postgresDatabase } from "../../test/support/postgres.js";
import { image, job, notebook, PROJECT } from "../../test/support/records.js";
import { DEFAULTS } from "../../test/support/storage-backends.js";
import { ActiveSaveExistsError, DuplicateImageError, type StorePort } from "../domain/store-port.js";
import { openStore } from "./open-store.js";

/** A store whose statements are collected; `since(action)`: those the action sent. */
async function countingStore(database: () => Promise<{ databaseUrl?: string }>) {
  const statements: string[] = [];
  const location = await database();
  const store = await openStore({
    ...(location.databaseUrl ? location : { inMemory: true }),
    defaults: DEFAULTS,
    onStatement: (sql) => statements.push(sql),
  });
  return {
    store,
    since(action: () => Promise<unknown>) {
      statements.length = 0;
      return action().then(() => [...statements]);
    },
  };
}

describe.each([
  { name: "PGlite", database: async () => ({}) },
  { name: "PostgreSQL", database: async () => ({ databaseUrl: await postgresDatabase() }) },
])("one turn's calls on $name", ({ database }) => {
  // One store per backend for the file, emptied before each test: opening one (PGlite's WebAssembly,
  // or a database and its migrations) costs more than these tests.
  let counting: Awaited<ReturnType<typeof countingStore>>;
  beforeAll(async () => {
    counting = await countingStore(database);
  });
  beforeEach(() => counting.store.reset(DEFAULTS));
  afterAll(() => counting?.store.close());
  it("enqueues the jobs asked for in one turn with one statement, each job with its own image", async () => {
    const { store, since } = counting;
    const asked = Array.from({ length: 5 }, () => [job(), image()] as const);
    let queued: Awaited<ReturnType<StorePort["saveJobs"]["enqueue"]>>[] = [];
    const sent = await since(async () => {
      queued = await Promise.all(asked.map(([j, i]) => store.saveJobs.enqueue(j, i)));
    });
    expect(sent).toHaveLength(1);
    expect(queued.map((q) => [q.id, q.imageId])).toEqual(asked.map(([j, i]) => [j.id, i.id]));
    for (const [, i] of asked) expect(await store.images.get(i.projectId, i.id)).toEqual(i);
  });

  it("answers each job of a group one refusal undid as if it had been sent alone", async () => {
    const { store } = counting;
    const taken = image({ name: "taken", tag: "1" });
    const busy = job();
    await store.saveJobs.enqueue(busy, taken);
    const fine = [job(), image()] as const;
    const duplicate = [job(), image({ name: "taken", tag: "1" })] as const;
    const second = [job({ notebookId: busy.notebookId }), image()] as const;
    const alsoFine = [job(), image()] as const;
    const answers = await Promise.allSettled(
      [fine, duplicate, second, alsoFine].map(([j, i]) => store.saveJobs.enqueue(j, i)),
    );
    expect(answers.map((a) => a.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    expect(answers[1]).toMatchObject({ reason: expect.any(DuplicateImageError) });
    expect(answers[2]).toMatchObject({ reason: expect.any(ActiveSaveExistsError) });
    expect(await store.images.get(fine[1].projectId, fine[1].id)).toEqual(fine[1]);
    expect(await store.images.get(alsoFine[1].projectId, alsoFine[1].id)).toEqual(alsoFine[1]);
    expect(await store.images.get(duplicate[1].projectId, duplicate[1].id)).toBeUndefined();
    expect(await store.images.get(second[1].projectId, second[1].id)).toBeUndefined();
  });

  it("reads the notebooks asked for in one turn with one statement, each in its own project only", async () => {
    const { store, since } = counting;
    const mine = notebook();
    const other = notebook({ projectId: "project-b" });
    await store.notebooks.insert(mine);
    await store.notebooks.insert(other);
    let read: unknown[] = [];
    const sent = await since(async () => {
      read = await Promise.all([
        store.notebooks.get(PROJECT, mine.id),
        store.notebooks.get(PROJECT, other.id),
        store.notebooks.get("project-b", other.id),
        store.notebooks.get(PROJECT, "no-such-notebook"),
      ]);
    });
    expect(sent).toHaveLength(1);
    expect(read).toEqual([mine, undefined, other, undefined]);
  });

  it("claims for the claims asked in one turn with one statement, each due job once, oldest first", async () => {
    const { store, since } = counting;
    const older = await store.saveJobs.enqueue(job({ dueAt: 1, createdAt: 1 }), image());
    const newer = await store.saveJobs.enqueue(job({ dueAt: 2, createdAt: 2 }), image());
    await store.saveJobs.enqueue(job({ dueAt: 500 }), image());
    let claimed: unknown[] = [];
    const sent = await since(async () => {
      claimed = await Promise.all(
        Array.from({ length: 3 }, () => store.saveJobs.claimNext({ workerId: "w", now: 10, leaseMs: 1_000 })),
      );
    });
    expect(sent).toHaveLength(1);
    expect(claimed.map((c) => (c as { job: { id: string } } | undefined)?.job.id)).toEqual([
      older.id,
      newer.id,
      undefined,
    ]);
  });

  it("records the steps of one turn with one statement per kind of step, each only while its worker holds the job", async () => {
    const { store, since } = counting;
    const saves = await Promise.all(Array.from({ length: 4 }, () => store.saveJobs.enqueue(job(), image())));
    await Promise.all(saves.map(() => store.saveJobs.claimNext({ workerId: "w", now: 10, leaseMs: 1_000 })));
    const active = { job: { phase: "done" }, release: true, image: { status: "ACTIVE", size: 7 } } as const;
    const failed = {
      job: { phase: "failed", failure: "push failed" },
      release: true,
      image: { status: "CREATE_FAILED", statusMessage: "push failed" },
    } as const;
    const [a, b, lost, c] = saves.map((save) => save.id) as [string, string, string, string];
    let written: unknown[] = [];
    const sent = await since(async () => {
      written = await Promise.all([
        store.saveJobs.record(a, "w", active, 20),
        store.saveJobs.record(b, "w", active, 21),
        store.saveJobs.record(lost, "another worker", active, 22),
        store.saveJobs.record(c, "w", failed, 23),
      ]);
    });
    expect(sent).toHaveLength(2);
    expect(written.map((w) => (w as { image?: { status: string } } | undefined)?.image?.status)).toEqual([
      "ACTIVE",
      "ACTIVE",
      undefined,
      "CREATE_FAILED",
    ]);
    expect(await store.saveJobs.get(b)).toMatchObject({ phase: "done", claimedBy: null, updatedAt: 21 });
    expect(await store.saveJobs.get(lost)).toMatchObject({ phase: "queued", claimedBy: "w" });
    expect(await store.saveJobs.get(c)).toMatchObject({ phase: "failed", failure: "push failed" });
    const savedImage = (await store.saveJobs.get(a))?.imageId ?? "";
    expect(await store.images.get(PROJECT, savedImage)).toMatchObject({
      status: "ACTIVE",
      size: 7,
      updateAt: 20,
    });
  });
});
