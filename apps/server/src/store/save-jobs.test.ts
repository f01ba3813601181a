// The save-job queue on every backend: claims, leases, fencing, recovery, the steps of a save
// written at once, the notices of due jobs, and that concurrent workers never claim one job twice
// (FOR UPDATE SKIP LOCKED on PostgreSQL's connection pool).
import { describe, expect, it, vi } from "vitest";
import { image, job, notebook } from "../../test/support/records.js";
import { storageBackends } from "../../test/support/storage-backends.js";
import {
  ActiveSaveExistsError,
  DuplicateImageError,
  type NewSaveJob,
  NotebookChangedError,
  type StorePort,
} from "../domain/store-port.js";

const LEASE = 1_000;

const enqueue = (store: StorePort, fields: Partial<NewSaveJob> = {}) =>
  store.saveJobs.enqueue(job(fields), image());

describe.each(storageBackends())("save jobs on $name", (backend) => {
  it("allows one unfinished job per notebook, and a new one once it is over", async () => {
    const store = await backend.open();
    const first = await enqueue(store, { notebookId: "nb" });
    expect(first).toMatchObject({
      phase: "queued",
      attempts: 0,
      claimedBy: null,
      localRef: null,
      size: null,
      faulted: false,
      failure: null,
    });
    await expect(enqueue(store, { notebookId: "nb" })).rejects.toBeInstanceOf(ActiveSaveExistsError);
    expect(await store.saveJobs.activeForNotebook("nb")).toEqual(first);

    const claimed = await store.saveJobs.claimNext({ workerId: "w", now: 10, leaseMs: LEASE });
    expect(claimed?.job.id).toBe(first.id);
    const failure = { job: { phase: "failed", failure: "push failed" }, release: true } as const;
    await store.saveJobs.record(first.id, "w", failure, 11);
    expect(await store.saveJobs.activeForNotebook("nb")).toBeUndefined();
    const second = await enqueue(store, { notebookId: "nb" });
    expect(await store.saveJobs.getByImage(first.imageId)).toMatchObject({
      phase: "failed",
      failure: "push failed",
    });
    expect(await store.saveJobs.activeForNotebook("nb")).toEqual(second);
  });

  it("records the image with its job, or neither: a taken name:tag or an active save refuses both", async () => {
    const store = await backend.open();
    const taken = image({ name: "taken", tag: "1" });
    const queued = await store.saveJobs.enqueue(job({ notebookId: "nb" }), taken);
    expect(queued.imageId).toBe(taken.id);
    expect(await store.images.get(taken.projectId, taken.id)).toEqual(taken);

    const again = image({ name: "taken", tag: "1" });
    await expect(store.saveJobs.enqueue(job({ notebookId: "other" }), again)).rejects.toBeInstanceOf(
      DuplicateImageError,
    );
    expect(await store.saveJobs.activeForNotebook("other")).toBeUndefined();
    const second = image();
    await expect(store.saveJobs.enqueue(job({ notebookId: "nb" }), second)).rejects.toBeInstanceOf(
      ActiveSaveExistsError,
    );
    expect(await store.images.get(second.projectId, second.id)).toBeUndefined();
  });

  it("refuses a job whose notebook changed since it was read, with its image", async () => {
    const store = await backend.open();
    const owner = notebook();
    await store.notebooks.insert(owner);
    await store.notebooks.update(owner.id, { status: "SNAPSHOTTING", updateAt: owner.updateAt + 1 });
    const stale = image();
    await expect(
      store.saveJobs.enqueue(job({ notebookId: owner.id, notebookReadAt: owner.updateAt }), stale),
    ).rejects.toBeInstanceOf(NotebookChangedError);
    expect(await store.images.get(stale.projectId, stale.id)).toBeUndefined();
    expect(await store.saveJobs.activeForNotebook(owner.id)).toBeUndefined();
    const fresh = await store.saveJobs.enqueue(
      job({ notebookId: owner.id, notebookReadAt: owner.updateAt + 1 }),
      image(),
    );
    expect(fresh.notebookId).toBe(owner.id);
  });

  it("takes a pending fault with the job that asks for one, and none for a job it refuses", async () => {
    const store = await backend.open();
    await store.settings.setFaults({ failNextSaves: 1, statusMessage: "disk full" });
    const first = await enqueue(store, { notebookId: "nb", takeFault: true });
    await expect(enqueue(store, { notebookId: "nb", takeFault: true })).rejects.toBeInstanceOf(
      ActiveSaveExistsError,
    );
    expect(first).toMatchObject({ faulted: true, failure: "disk full" });
    expect((await store.settings.get()).faults.failNextSaves).toBe(0);
    expect(await enqueue(store, { takeFault: true })).toMatchObject({ faulted: false, failure: null });

    await store.settings.setFaults({ failNextSaves: 1, statusMessage: "again" });
    await expect(enqueue(store, { notebookId: "nb", takeFault: true })).rejects.toBeInstanceOf(
      ActiveSaveExistsError,
    );
    expect((await store.settings.get()).faults.failNextSaves).toBe(1);
    expect(await enqueue(store, { takeFault: false })).toMatchObject({ faulted: false });
  });

  it("claims due jobs oldest first, never a job held manually (dueAt null) or due later", async () => {
    const store = await backend.open();
    const later = await enqueue(store, { dueAt: 500, createdAt: 1 });
    const manual = await enqueue(store, { dueAt: null, createdAt: 2 });
    const older = await enqueue(store, { dueAt: 100, createdAt: 3 });
    const newer = await enqueue(store, { dueAt: 100, createdAt: 4 });
    expect(await store.saveJobs.nextDueAt()).toBe(100);

    const claim = (now: number) => store.saveJobs.claimNext({ workerId: "w", now, leaseMs: LEASE });
    expect(await claim(99)).toBeUndefined();
    const first = await claim(100);
    expect(first?.job).toMatchObject({
      id: older.id,
      claimedBy: "w",
      leaseUntil: 100 + LEASE,
      attempts: 1,
    });
    // With its image.
    expect(first?.image?.id).toBe(older.imageId);
    expect((await claim(100))?.job.id).toBe(newer.id);
    expect(await claim(499)).toBeUndefined();
    expect(await store.saveJobs.nextDueAt()).toBe(500);
    expect((await claim(500))?.job.id).toBe(later.id);
    expect(await claim(501)).toBeUndefined();

    expect(await store.saveJobs.setDue(manual.id, 600, 600)).toMatchObject({ dueAt: 600 });
    expect((await claim(600))?.job.id).toBe(manual.id);
    expect(await store.saveJobs.nextDueAt()).toBeUndefined();
  });

  it("writes a step's job, image and notebook together, only while the worker holds the job", async () => {
    const store = await backend.open();
    const owner = notebook();
    await store.notebooks.insert(owner);
    const queued = await enqueue(store, { notebookId: owner.id });
    await store.saveJobs.claimNext({ workerId: "a", now: 0, leaseMs: LEASE });
    const begin = {
      job: { phase: "saving", dueAt: 40 },
      release: false,
      image: { status: "CREATING", statusMessage: "saving" },
      notebook: { status: "SNAPSHOTTING" },
    } as const;
    // Another worker's step changes nothing.
    expect(await store.saveJobs.record(queued.id, "b", begin, 1)).toBeUndefined();
    expect((await store.notebooks.getById(owner.id))?.status).toBe("RUNNING");

    const begun = await store.saveJobs.record(queued.id, "a", begin, 1);
    expect(begun?.job).toMatchObject({ phase: "saving", dueAt: 40, claimedBy: "a", updatedAt: 1 });
    expect(begun?.image).toMatchObject({ status: "CREATING", statusMessage: "saving", updateAt: 1 });
    expect(await store.notebooks.getById(owner.id)).toMatchObject({ status: "SNAPSHOTTING", updateAt: 1 });

    // Given back to wait for its due time, with the engine's result; the notebook left as it is.
    const sized = { phase: "sized", size: 6_000_000_000, localRef: "local/abc" } as const;
    const waiting = await store.saveJobs.record(queued.id, "a", { job: sized, release: true }, 2);
    expect(waiting?.job).toMatchObject({ ...sized, claimedBy: null, leaseUntil: null });
    expect((await store.notebooks.getById(owner.id))?.status).toBe("SNAPSHOTTING");

    const done = {
      job: { phase: "done" },
      release: true,
      image: { status: "ACTIVE", statusMessage: null, size: 6_000_000_000 },
      notebook: {
        status: "RUNNING",
        image: { id: queued.imageId, name: "image", swrPath: "s", type: "DEDICATED" },
      },
    } as const;
    expect(await store.saveJobs.record(queued.id, "a", done, 3)).toBeUndefined();
    expect((await store.saveJobs.claimNext({ workerId: "a", now: 40, leaseMs: LEASE }))?.job.attempts).toBe(
      2,
    );
    const finished = await store.saveJobs.record(queued.id, "a", done, 41);
    expect(finished?.job).toMatchObject({ phase: "done", claimedBy: null });
    expect(finished?.image).toMatchObject({ status: "ACTIVE", size: 6_000_000_000, statusMessage: null });
    expect(await store.notebooks.getById(owner.id)).toMatchObject({
      status: "RUNNING",
      image: done.notebook.image,
    });
    // A finished job is over: no worker changes it any more.
    expect(await store.saveJobs.record(queued.id, "a", begin, 52)).toBeUndefined();
    expect(await store.saveJobs.setDue(queued.id, 0, 53)).toBeUndefined();
    expect(await store.saveJobs.listUnfinished()).toEqual([]);
  });

  it("lets another worker take over a job whose lease ran out, and fences the worker that lost it", async () => {
    const store = await backend.open();
    const queued = await enqueue(store);
    await store.saveJobs.claimNext({ workerId: "crashed", now: 0, leaseMs: LEASE });
    await store.saveJobs.record(queued.id, "crashed", { job: { phase: "saving" }, release: false }, 1);

    expect(await store.saveJobs.claimNext({ workerId: "b", now: LEASE - 1, leaseMs: LEASE })).toBeUndefined();
    expect(await store.saveJobs.listInterrupted(LEASE - 1)).toEqual([]);
    expect((await store.saveJobs.listInterrupted(LEASE + 1)).map((j) => j.id)).toEqual([queued.id]);

    const taken = await store.saveJobs.claimNext({ workerId: "b", now: LEASE + 1, leaseMs: LEASE });
    // The new worker resumes from the recorded phase.
    expect(taken?.job).toMatchObject({ id: queued.id, claimedBy: "b", attempts: 2, phase: "saving" });
    expect(await store.saveJobs.renew(queued.id, "crashed", 10 * LEASE, LEASE + 2)).toBe(false);
    const done = { job: { phase: "done" }, release: true } as const;
    expect(await store.saveJobs.record(queued.id, "crashed", done, LEASE + 2)).toBeUndefined();
    expect(await store.saveJobs.renew(queued.id, "b", 10 * LEASE, LEASE + 3)).toBe(true);
    expect(await store.saveJobs.claimNext({ workerId: "c", now: 5 * LEASE, leaseMs: LEASE })).toBeUndefined();
  });

  it("releaseAll frees every held unfinished job (a restart after a crash)", async () => {
    const store = await backend.open();
    const jobs = [await enqueue(store), await enqueue(store)];
    await enqueue(store);
    for (const _ of jobs) await store.saveJobs.claimNext({ workerId: "old", now: 0, leaseMs: 60_000 });
    expect(await store.saveJobs.releaseAll(1)).toBe(2);
    expect(await store.saveJobs.releaseAll(1)).toBe(0);
    const unfinished = await store.saveJobs.listUnfinished();
    expect(unfinished).toHaveLength(3);
    expect(unfinished.every((j) => j.claimedBy === null && j.leaseUntil === null)).toBe(true);
    expect((await store.saveJobs.claimNext({ workerId: "new", now: 2, leaseMs: 60_000 }))?.job.id).toBe(
      jobs[0]?.id,
    );
  });

  it("tells of a job's due time when it is queued, given back or advanced, never while it is held", async () => {
    const store = await backend.open();
    const heard: (number | undefined)[] = [];
    const stop = store.onSaveDue((dueAt) => heard.push(dueAt));
    try {
      const queued = await enqueue(store, { dueAt: 70 });
      await enqueue(store, { dueAt: null });
      await vi.waitFor(() => expect(heard).toEqual([70]));
      await store.saveJobs.claimNext({ workerId: "a", now: 70, leaseMs: LEASE });
      await store.saveJobs.setDue(queued.id, 75, 71);
      await store.saveJobs.record(queued.id, "a", { job: { phase: "sized", dueAt: 80 }, release: true }, 72);
      await vi.waitFor(() => expect(heard).toEqual([70, 80]));
      await store.saveJobs.setDue(queued.id, 90, 73);
      await vi.waitFor(() => expect(heard).toEqual([70, 80, 90]));
    } finally {
      stop();
    }
  });

  it("never gives one job to two of many concurrent workers", async () => {
    const store = await backend.open();
    const count = 60;
    for (let i = 0; i < count; i++) await enqueue(store, { createdAt: i });
    const claims = new Map<string, string[]>();
    await Promise.all(
      Array.from({ length: 8 }, async (_, worker) => {
        for (;;) {
          const claimed = await store.saveJobs.claimNext({ workerId: `w${worker}`, now: 1, leaseMs: 60_000 });
          if (!claimed) return;
          const { id } = claimed.job;
          claims.set(id, [...(claims.get(id) ?? []), `w${worker}`]);
          await store.saveJobs.record(id, `w${worker}`, { job: { phase: "done" }, release: true }, 2);
        }
      }),
    );
    expect(claims.size).toBe(count);
    expect([...claims.values()].every((workers) => workers.length === 1)).toBe(true);
  });
});
