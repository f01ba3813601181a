// The save-job queue on every backend: claims, leases, fencing, recovery, and that concurrent
// workers never claim one job twice (FOR UPDATE SKIP LOCKED on PostgreSQL's connection pool).
import { describe, expect, it } from "vitest";
import { job } from "../../test/support/records.js";
import { storageBackends } from "../../test/support/storage-backends.js";
import { ActiveSaveExistsError } from "../domain/store-port.js";

const LEASE = 1_000;

describe.each(storageBackends())("save jobs on $name", (backend) => {
  it("allows one unfinished job per notebook, and a new one once it is over", async () => {
    const store = await backend.open();
    const first = await store.saveJobs.enqueue(job({ notebookId: "nb" }));
    expect(first).toMatchObject({
      phase: "queued",
      attempts: 0,
      claimedBy: null,
      localRef: null,
      size: null,
    });
    await expect(store.saveJobs.enqueue(job({ notebookId: "nb" }))).rejects.toBeInstanceOf(
      ActiveSaveExistsError,
    );
    expect(await store.saveJobs.activeForNotebook("nb")).toEqual(first);

    const claimed = await store.saveJobs.claimNext({ workerId: "w", now: 10, leaseMs: LEASE });
    expect(claimed?.id).toBe(first.id);
    await store.saveJobs.finish(first.id, "w", { phase: "failed", failure: "push failed" }, 11);
    expect(await store.saveJobs.activeForNotebook("nb")).toBeUndefined();
    const second = await store.saveJobs.enqueue(job({ notebookId: "nb" }));
    expect(await store.saveJobs.getByImage(first.imageId)).toMatchObject({
      phase: "failed",
      failure: "push failed",
    });
    expect(await store.saveJobs.activeForNotebook("nb")).toEqual(second);
  });

  it("claims due jobs oldest first, never a job held manually (dueAt null) or due later", async () => {
    const store = await backend.open();
    const later = await store.saveJobs.enqueue(job({ dueAt: 500, createdAt: 1 }));
    const manual = await store.saveJobs.enqueue(job({ dueAt: null, createdAt: 2 }));
    const older = await store.saveJobs.enqueue(job({ dueAt: 100, createdAt: 3 }));
    const newer = await store.saveJobs.enqueue(job({ dueAt: 100, createdAt: 4 }));
    expect(await store.saveJobs.nextDueAt()).toBe(100);

    const claim = (now: number) => store.saveJobs.claimNext({ workerId: "w", now, leaseMs: LEASE });
    expect(await claim(99)).toBeUndefined();
    expect(await claim(100)).toMatchObject({
      id: older.id,
      claimedBy: "w",
      leaseUntil: 100 + LEASE,
      attempts: 1,
    });
    expect((await claim(100))?.id).toBe(newer.id);
    expect(await claim(499)).toBeUndefined();
    expect(await store.saveJobs.nextDueAt()).toBe(500);
    expect((await claim(500))?.id).toBe(later.id);
    expect(await claim(501)).toBeUndefined();

    expect(await store.saveJobs.setDue(manual.id, 600, 600)).toMatchObject({ dueAt: 600 });
    expect((await claim(600))?.id).toBe(manual.id);
    expect(await store.saveJobs.nextDueAt()).toBeUndefined();
  });

  it("moves a job through its phases only while the worker holds it", async () => {
    const store = await backend.open();
    const queued = await store.saveJobs.enqueue(job());
    await store.saveJobs.claimNext({ workerId: "a", now: 0, leaseMs: LEASE });
    expect(await store.saveJobs.update(queued.id, "a", { phase: "committing" }, 1)).toMatchObject({
      phase: "committing",
      updatedAt: 1,
    });
    expect(
      await store.saveJobs.update(queued.id, "a", { phase: "committed", localRef: "local/abc" }, 2),
    ).toMatchObject({ phase: "committed", localRef: "local/abc" });
    expect(await store.saveJobs.update(queued.id, "b", { phase: "pushing" }, 3)).toBeUndefined();
    expect(
      await store.saveJobs.update(queued.id, "a", { phase: "sized", size: 6_000_000_000 }, 4),
    ).toMatchObject({
      phase: "sized",
      size: 6_000_000_000,
      localRef: "local/abc",
    });
    // A worker gives the job back to wait for its next step.
    expect(await store.saveJobs.release(queued.id, "a", { dueAt: 50 }, 5)).toMatchObject({
      claimedBy: null,
      leaseUntil: null,
      dueAt: 50,
    });
    expect(await store.saveJobs.finish(queued.id, "a", { phase: "done" }, 6)).toBeUndefined();
    expect((await store.saveJobs.claimNext({ workerId: "a", now: 50, leaseMs: LEASE }))?.attempts).toBe(2);
    expect(await store.saveJobs.finish(queued.id, "a", { phase: "done" }, 51)).toMatchObject({
      phase: "done",
      claimedBy: null,
    });
    // A finished job is over: no worker changes it any more.
    expect(await store.saveJobs.update(queued.id, "a", { phase: "pushing" }, 52)).toBeUndefined();
    expect(await store.saveJobs.setDue(queued.id, 0, 53)).toBeUndefined();
    expect(await store.saveJobs.listUnfinished()).toEqual([]);
  });

  it("records a job claimed as it is queued as its claimer's first attempt, which no other worker takes before the lease ends", async () => {
    const store = await backend.open();
    const queued = await store.saveJobs.enqueue(
      job({ dueAt: 0, claim: { workerId: "a", leaseUntil: LEASE } }),
    );
    expect(queued).toMatchObject({ phase: "queued", claimedBy: "a", leaseUntil: LEASE, attempts: 1 });
    expect(await store.saveJobs.claimNext({ workerId: "b", now: LEASE - 1, leaseMs: LEASE })).toBeUndefined();
    expect(await store.saveJobs.update(queued.id, "a", { phase: "committing" }, 1)).toMatchObject({
      phase: "committing",
    });
    // The claimer died: once the lease is over the job is another's second attempt.
    expect(await store.saveJobs.claimNext({ workerId: "b", now: LEASE + 1, leaseMs: LEASE })).toMatchObject({
      id: queued.id,
      claimedBy: "b",
      attempts: 2,
    });
  });

  it("lets another worker take over a job whose lease ran out, and fences the worker that lost it", async () => {
    const store = await backend.open();
    const queued = await store.saveJobs.enqueue(job());
    await store.saveJobs.claimNext({ workerId: "crashed", now: 0, leaseMs: LEASE });
    await store.saveJobs.update(queued.id, "crashed", { phase: "pushing", localRef: "local/1" }, 1);

    expect(await store.saveJobs.claimNext({ workerId: "b", now: LEASE - 1, leaseMs: LEASE })).toBeUndefined();
    expect(await store.saveJobs.listInterrupted(LEASE - 1)).toEqual([]);
    expect((await store.saveJobs.listInterrupted(LEASE + 1)).map((j) => j.id)).toEqual([queued.id]);

    const taken = await store.saveJobs.claimNext({ workerId: "b", now: LEASE + 1, leaseMs: LEASE });
    // The new worker resumes from the persisted phase.
    expect(taken).toMatchObject({
      id: queued.id,
      claimedBy: "b",
      attempts: 2,
      phase: "pushing",
      localRef: "local/1",
    });
    expect(await store.saveJobs.update(queued.id, "crashed", { phase: "pushed" }, LEASE + 2)).toBeUndefined();
    expect(await store.saveJobs.finish(queued.id, "crashed", { phase: "done" }, LEASE + 2)).toBeUndefined();
    // A worker renews its lease by moving it on.
    expect(await store.saveJobs.update(queued.id, "b", { leaseUntil: 10 * LEASE }, LEASE + 3)).toMatchObject({
      leaseUntil: 10 * LEASE,
    });
    expect(await store.saveJobs.claimNext({ workerId: "c", now: 5 * LEASE, leaseMs: LEASE })).toBeUndefined();
  });

  it("releaseAll frees every held unfinished job (a restart after a crash)", async () => {
    const store = await backend.open();
    const jobs = [await store.saveJobs.enqueue(job()), await store.saveJobs.enqueue(job())];
    await store.saveJobs.enqueue(job());
    for (const _ of jobs) await store.saveJobs.claimNext({ workerId: "old", now: 0, leaseMs: 60_000 });
    expect(await store.saveJobs.releaseAll(1)).toBe(2);
    expect(await store.saveJobs.releaseAll(1)).toBe(0);
    const unfinished = await store.saveJobs.listUnfinished();
    expect(unfinished).toHaveLength(3);
    expect(unfinished.every((j) => j.claimedBy === null && j.leaseUntil === null)).toBe(true);
    expect((await store.saveJobs.claimNext({ workerId: "new", now: 2, leaseMs: 60_000 }))?.id).toBe(
      jobs[0]?.id,
    );
  });

  it("never gives one job to two of many concurrent workers", async () => {
    const store = await backend.open();
    const count = 60;
    for (let i = 0; i < count; i++) await store.saveJobs.enqueue(job({ createdAt: i }));
    const claims = new Map<string, string[]>();
    await Promise.all(
      Array.from({ length: 8 }, async (_, worker) => {
        for (;;) {
          const claimed = await store.saveJobs.claimNext({ workerId: `w${worker}`, now: 1, leaseMs: 60_000 });
          if (!claimed) return;
          claims.set(claimed.id, [...(claims.get(claimed.id) ?? []), `w${worker}`]);
          await store.saveJobs.finish(claimed.id, `w${worker}`, { phase: "done" }, 2);
        }
      }),
    );
    expect(claims.size).toBe(count);
    expect([...claims.values()].every((workers) => workers.length === 1)).toBe(true);
  });
});
