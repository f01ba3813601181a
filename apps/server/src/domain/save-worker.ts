// The save worker: claims due save jobs from the store's queue and walks each image
// INIT → CREATING → ACTIVE (or CREATE_FAILED with the reason) through the engine, persisting every
// phase so that a restarted server resumes a save where it stood. Several workers (replicas on one
// PostgreSQL) can share the queue: a job is held under a lease that a heartbeat renews, and a job
// whose worker died is claimed again once the lease is over.
import { type Engine, EngineError, type EngineStepContext, type ImageTarget } from "../engine/engine.js";
import type { Clock } from "./clock.js";
import { beginEarlySave, type EarlySave, type Handoff } from "./early-save.js";
import type { ImageRecord, SaveJob, SaveJobPatch, StorePort } from "./store-port.js";
import { finishDueAt } from "./transitions.js";

export interface WorkerLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface SaveWorkerOptions {
  store: StorePort;
  engine: Engine;
  clock: Clock;
  /** Unique per process: the store records which worker holds which job. */
  workerId: string;
  logger: WorkerLogger;
  /** How long a claim lasts without a heartbeat. */
  leaseMs?: number;
  /** How often an idle worker looks for work that another replica queued or a dead one left. */
  pollMs?: number;
  /** Saves worked on at once (engine steps wait on I/O). */
  concurrency?: number;
  /** Pause the container while committing (Docker's default). */
  pause?: boolean;
  /** A save interrupted this many times ends CREATE_FAILED instead of being resumed again. */
  maxAttempts?: number;
}

export interface SaveWorker {
  start(): void;
  /**
   * Begins the commit of a save that is about to be queued, when a loop is idle to take it on
   * (else undefined, and the save waits in the queue): in a small save the database's round trips
   * before the engine starts are a good part of the time to ACTIVE.
   */
  reserve(input: { jobId: string; notebookId: string; target: ImageTarget }): EarlySave | undefined;
  /** One idle loop looks for work now (a save was queued or advanced). */
  wake(): void;
  /** Every idle loop looks for work now (many saves became due at once). */
  wakeAll(): void;
  /** Called with every image the worker changes. Returns a function that unsubscribes. */
  onImageChange(listener: (image: ImageRecord) => void): () => void;
  /** Stops claiming, aborts the engine steps running and gives their jobs back; resolves when idle. */
  close(): Promise<void>;
}

export function createSaveWorker(options: SaveWorkerOptions): SaveWorker {
  const { store, engine, clock, workerId, logger } = options;
  const leaseMs = options.leaseMs ?? 30_000;
  const pollMs = options.pollMs ?? 1_000;
  const concurrency = options.concurrency ?? 4;
  const maxAttempts = options.maxAttempts ?? 3;
  const shutdown = new AbortController();
  const pause = options.pause ?? true;
  const listeners = new Set<(image: ImageRecord) => void>();
  const sleepers = new Set<Sleeper>();
  // The early saves whose loop is held (their close), each freed by close() if its run or cancel never comes.
  const held = new Set<() => void>();
  // Notebooks this worker is saving (an early commit, or a job it runs): a second save of one is
  // not begun early, as it would commit only to be refused (and answered once that is undone).
  const saving = new Set<string>();
  let loops: Promise<void>[] = [];

  // One sleeping loop per wake: a queued save is one job, and every loop that woke for nothing
  // would only race the others to claim it (a query each). Busy loops look for work when they finish.
  const wake = () => {
    const [sleeper] = sleepers;
    sleeper?.wake();
  };
  const wakeAll = () => {
    for (const sleeper of [...sleepers]) sleeper.wake();
  };

  /** Resolves after `ms`, at a wake, or with the save handed to this loop while it was reserved. */
  function sleep(ms: number): Promise<Handoff | undefined> {
    return new Promise((resolve) => {
      const leave = () => {
        clearTimeout(timer);
        sleepers.delete(sleeper);
      };
      const sleeper: Sleeper = {
        wake() {
          leave();
          resolve(undefined);
        },
        reserve() {
          leave();
          return resolve;
        },
      };
      const timer = setTimeout(sleeper.wake, Math.max(0, ms));
      sleepers.add(sleeper);
    });
  }

  function reserve(input: { jobId: string; notebookId: string; target: ImageTarget }): EarlySave | undefined {
    const [sleeper] = sleepers;
    if (!sleeper || shutdown.signal.aborted || saving.has(input.notebookId)) return undefined;
    saving.add(input.notebookId);
    const early = beginEarlySave(input, {
      engine,
      pause,
      signal: shutdown.signal,
      claim: (now) => ({ workerId, leaseUntil: now + leaseMs }),
      hand: sleeper.reserve(),
      settled(running) {
        held.delete(early.close);
        // Run, the notebook stays held (by runClaimed, until the job is over); else it is free.
        if (!running) saving.delete(input.notebookId);
      },
      release: (job) => {
        store.saveJobs.release(job.id, workerId, {}, clock.now()).catch(() => undefined);
      },
      logger,
    });
    held.add(early.close);
    return early;
  }

  async function updateImage(id: string, patch: Parameters<StorePort["images"]["update"]>[1]) {
    const image = await store.images.update(id, { ...patch, updateAt: clock.now() });
    if (image) for (const listener of listeners) listener(image);
    return image;
  }

  async function loop(): Promise<void> {
    let handed: Handoff | undefined;
    while (!shutdown.signal.aborted) {
      if (handed) {
        const early = handed;
        handed = undefined;
        await runClaimed(early.job, early);
        continue;
      }
      let job: SaveJob | undefined;
      try {
        job = await store.saveJobs.claimNext({ workerId, now: clock.now(), leaseMs });
      } catch (error) {
        if (shutdown.signal.aborted) return;
        logger.error({ err: error }, "claiming a save job failed");
        await sleep(pollMs);
        continue;
      }
      if (job) {
        await runClaimed(job);
        continue;
      }
      let next: number | undefined;
      try {
        next = await store.saveJobs.nextDueAt();
      } catch {
        next = undefined;
      }
      if (shutdown.signal.aborted) return;
      handed = await sleep(next === undefined ? pollMs : Math.min(pollMs, next - clock.now()));
    }
    // Handed over as the server shut down: the next start resumes it.
    if (handed) await store.saveJobs.release(handed.job.id, workerId, {}, clock.now()).catch(() => undefined);
  }

  /** Runs a claimed job as far as it is due; never throws (a failure ends the image CREATE_FAILED). */
  async function runClaimed(claimed: SaveJob, handed?: Handoff): Promise<void> {
    saving.add(claimed.notebookId);
    const heartbeat = setInterval(() => {
      store.saveJobs
        .update(claimed.id, workerId, { leaseUntil: clock.now() + leaseMs }, clock.now())
        .catch((error: unknown) =>
          logger.warn({ err: error, jobId: claimed.id }, "renewing a save lease failed"),
        );
    }, leaseMs / 3);
    try {
      await run(claimed, handed);
    } catch (error) {
      if (error instanceof LostClaim) {
        logger.warn({ jobId: claimed.id }, "another worker took this save over");
        return;
      }
      if (shutdown.signal.aborted) {
        // Shutting down: the phase reached is persisted; the next start resumes from it.
        await store.saveJobs.release(claimed.id, workerId, {}, clock.now()).catch(() => undefined);
        return;
      }
      const reason =
        error instanceof EngineError
          ? error.message
          : `internal error while saving: ${error instanceof Error ? error.message : String(error)}`;
      logger.error({ err: error, jobId: claimed.id, imageId: claimed.imageId }, "save failed");
      await fail(claimed, reason).catch((failure: unknown) =>
        logger.error({ err: failure, jobId: claimed.id }, "recording a failed save failed"),
      );
    } finally {
      clearInterval(heartbeat);
      saving.delete(claimed.notebookId);
    }
  }

  async function run(claimed: SaveJob, handed?: Handoff): Promise<void> {
    let job = claimed;
    const image = handed?.image ?? (await store.images.get(job.projectId, job.imageId));
    if (!image) {
      await finish(job, { phase: "failed", failure: "the image record no longer exists" });
      await store.notebooks.update(job.notebookId, { status: "RUNNING", updateAt: clock.now() });
      return;
    }
    const target = targetOf(image);
    const moveOn = async (patch: SaveJobPatch) => {
      const moved = await store.saveJobs.update(job.id, workerId, patch, clock.now());
      // Lost the claim (its lease was taken over): the other worker carries on.
      if (!moved) throw new LostClaim();
      job = moved;
      return moved;
    };
    if (job.attempts > maxAttempts) {
      await fail(job, `the save was interrupted ${job.attempts - 1} times (during ${job.phase}); giving up`);
      return;
    }

    // What the image and the notebook show is written while the engine already works: in a small
    // save every round trip on the way to ACTIVE counts. The next due time is stored before the
    // image shows CREATING, so that an advance asked for as soon as CREATING shows (manual
    // transitions) is never overwritten by it.
    const queued = job.phase === "queued";
    const announced = (async () => {
      if (queued) {
        const { transitions } = await store.settings.get();
        await moveOn({
          phase: job.faulted ? "sized" : "committing",
          dueAt: finishDueAt(transitions, clock.now()),
        });
      }
      if (image.status === "INIT") {
        await updateImage(image.id, {
          status: "CREATING",
          statusMessage: "saving the notebook's file system",
        });
        await store.notebooks.update(job.notebookId, { status: "SNAPSHOTTING", updateAt: clock.now() });
      } else if (job.attempts > 1 && job.phase !== "sized") {
        await updateImage(image.id, { statusMessage: `resumed after a server restart (was ${job.phase})` });
      }
    })();

    const ctx: EngineStepContext = {
      jobId: job.id,
      resumed: job.attempts > 1,
      signal: shutdown.signal,
      // After what `announced` writes, so that CREATING's own message never covers the engine's.
      progress: (message) => {
        announced.then(() => updateImage(image.id, { statusMessage: message })).catch(() => undefined);
      },
    };
    if ((queued && !job.faulted) || job.phase === "committing") {
      handed?.attach?.(ctx.progress);
      const { localRef } = await alongside(
        handed?.commit ?? engine.commit({ notebookId: job.notebookId, target, pause }, ctx),
        announced,
      );
      // Straight to pushing, recorded while the push runs: a save resumed before that record
      // commits again (and finds its snapshot kept), one resumed after it pushes again, which the
      // registry makes cheap (it already has the layers that went up).
      await alongside(engine.push({ localRef, target }, ctx), moveOn({ phase: "pushing", localRef }));
      await moveOn({ phase: "sized", size: await engine.size(target, ctx) });
    } else {
      await announced;
    }
    if (job.phase === "committed" || job.phase === "pushing") {
      if (job.phase === "committed") await moveOn({ phase: "pushing" });
      await engine.push({ localRef: job.localRef ?? "", target }, ctx);
      // Measured before anything is written: a save resumed before `sized` pushes again.
      await moveOn({ phase: "sized", size: await engine.size(target, ctx) });
    }
    if (job.phase === "pushed") {
      await moveOn({ phase: "sized", size: await engine.size(target, ctx) });
    }
    if (job.phase !== "sized") throw new Error(`a save job in phase ${job.phase} cannot go on`);

    // The engine's work is done; the image turns ACTIVE when the transitions say so.
    if (job.dueAt === null || job.dueAt > clock.now()) {
      await updateImage(image.id, { statusMessage: job.faulted ? "saving" : "pushed; finishing" });
      await store.saveJobs.release(job.id, workerId, {}, clock.now());
      return;
    }
    if (job.faulted) {
      await fail(job, job.failure ?? "the save failed (injected fault)");
      return;
    }
    const now = clock.now();
    await updateImage(image.id, { status: "ACTIVE", statusMessage: null, size: job.size });
    await store.notebooks.update(job.notebookId, {
      status: "RUNNING",
      image: { id: image.id, name: image.name, swrPath: image.swrPath, type: image.type },
      updateAt: now,
    });
    // Finished first, so that the image can be deleted as soon as it is ACTIVE; the intermediate
    // image goes afterwards (a crash in between leaves it to sweepIntermediates at the next start).
    await finish(job, { phase: "done" });
    logger.info({ imageId: image.id, jobId: job.id }, "image saved");
    // The image is ACTIVE whatever happens here: a failure must not turn it CREATE_FAILED.
    if (job.localRef) {
      await engine
        .remove({ localRef: job.localRef })
        .catch((error: unknown) =>
          logger.warn(
            { err: error, jobId: job.id },
            "removing the intermediate image of a saved image failed",
          ),
        );
    }
  }

  async function fail(job: SaveJob, reason: string): Promise<void> {
    // Cleaned up before CREATE_FAILED shows: whoever sees it finds nothing of the save left.
    const current = await store.saveJobs.get(job.id);
    // A save that failed during or after its push may have left the target's tag on the engine (a
    // crash mid-push) and the image in the registry, where its name:tag would then pass for taken
    // (2884): both go with the intermediate image.
    const pushed = current !== undefined && !current.faulted && PUSH_STARTED.has(current.phase);
    const image = pushed ? await store.images.get(job.projectId, job.imageId) : undefined;
    if (current?.localRef || image) {
      await engine
        .remove({ localRef: current?.localRef ?? undefined, target: image ? targetOf(image) : undefined })
        .catch((error: unknown) =>
          logger.warn({ err: error, jobId: job.id }, "removing what a failed save left failed"),
        );
    }
    await updateImage(job.imageId, { status: "CREATE_FAILED", statusMessage: reason });
    await store.notebooks.update(job.notebookId, { status: "RUNNING", updateAt: clock.now() });
    await finish(job, { phase: "failed", failure: reason });
  }

  async function finish(job: SaveJob, outcome: { phase: "done" } | { phase: "failed"; failure: string }) {
    await store.saveJobs.finish(job.id, workerId, outcome, clock.now());
  }

  /** Removes the intermediate images of jobs that are over (or unknown): what a crash left behind. */
  async function sweepIntermediates(): Promise<void> {
    for (const { jobId, localRef } of (await engine.intermediateImages?.()) ?? []) {
      const job = await store.saveJobs.get(jobId);
      if (job && job.phase !== "done" && job.phase !== "failed") continue;
      await engine.remove({ localRef });
      logger.info({ jobId, localRef }, "removed an intermediate image left behind");
    }
  }

  return {
    start() {
      if (loops.length > 0) return;
      sweepIntermediates().catch((error: unknown) =>
        logger.warn({ err: error }, "removing the intermediate images left behind failed"),
      );
      loops = Array.from({ length: concurrency }, () =>
        loop().catch((error: unknown) => logger.error({ err: error }, "the save worker stopped")),
      );
    },
    reserve,
    wake,
    wakeAll,
    onImageChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      shutdown.abort(new Error("the server is shutting down"));
      for (const free of [...held]) free();
      wakeAll();
      await Promise.all(loops);
      loops = [];
    },
  };
}

/**
 * `work`'s result once `side` has settled too (whatever writes it made are then in before whatever
 * follows, a failure's record included); `work`'s error first, else `side`'s.
 */
async function alongside<T>(work: Promise<T>, side: Promise<unknown>): Promise<T> {
  const [done, sideDone] = await Promise.allSettled([work, side]);
  if (done.status === "rejected") throw done.reason;
  if (sideDone.status === "rejected") throw sideDone.reason;
  return done.value;
}

/** The phases in which a push may have begun (a faulted job reaches `sized` without one). */
const PUSH_STARTED = new Set<SaveJob["phase"]>(["pushing", "pushed", "sized"]);

/** An idle loop, woken or reserved for an early save. */
interface Sleeper {
  wake(): void;
  /** Takes the loop out of the idle ones; it resumes when the function returned is called. */
  reserve(): (handoff: Handoff | undefined) => void;
}

class LostClaim extends Error {
  override readonly name = "LostClaim";
}

/** The registry host is taken from the image's own swr_path, which a restart with other flags leaves as it was. */
function targetOf(image: ImageRecord): ImageTarget {
  const suffix = `/${image.namespace}/${image.name}:${image.tag}`;
  const registryHost = image.swrPath.endsWith(suffix)
    ? image.swrPath.slice(0, -suffix.length)
    : image.swrPath;
  return { registryHost, namespace: image.namespace, name: image.name, tag: image.tag };
}
