// The queue runner: claims save jobs when they are due and runs them, a few at once. It learns of
// due jobs from the store's notices (a job queued, given back or advanced, by this server or another
// on the same database), so an idle worker sends no statement; a slow sweep looks for what no notice
// announced (a job whose worker died, a notice lost with its connection). A job is held under a
// lease, renewed while it runs, so that another worker takes it over only when this one is gone.
import { setImmediate as turn } from "node:timers/promises";
import type { Clock } from "./clock.js";
import { DueTimes } from "./due-times.js";
import type { WorkerLogger } from "./run-save.js";
import type { ClaimedSave, StorePort } from "./store-port.js";

export interface JobRunnerOptions {
  store: StorePort;
  clock: Clock;
  workerId: string;
  logger: WorkerLogger;
  /** How long a claim lasts without renewal. */
  leaseMs: number;
  /** How often the sweep looks for jobs no notice announced. */
  sweepMs: number;
  /** Jobs run at once (engine steps wait on I/O). */
  concurrency: number;
  /** Runs a claimed job to the end of what it can do now; never throws. `signal`: shutdown or lost lease. */
  run(claimed: ClaimedSave, signal: AbortSignal): Promise<void>;
}

export interface JobRunner {
  start(): Promise<void>;
  /** Stops claiming, aborts the jobs running (they give their jobs back); resolves when idle. */
  close(): Promise<void>;
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { store, clock, logger, concurrency } = options;
  const shutdown = new AbortController();
  // Claims worth trying: one per job announced due (a hint: another worker may take the job first).
  let wanted = 0;
  // Claim until none is left (at start, at a sweep, after a lost notice).
  let draining = false;
  const slots = new Set<Promise<void>>();
  const due = new DueTimes(clock.now, (count) => want(count));
  let sweeper: NodeJS.Timeout | undefined;
  let stopListening: (() => void) | undefined;

  function want(count: number) {
    wanted += count;
    spawn(count);
  }

  function drain() {
    draining = true;
    spawn(concurrency);
  }

  /** Up to `count` more slots (a slot that finds nothing to claim ends at once). */
  function spawn(count: number) {
    for (let i = 0; i < count && slots.size < concurrency && !shutdown.signal.aborted; i++) {
      const slot: Promise<void> = work().finally(() => slots.delete(slot));
      slots.add(slot);
    }
  }

  /** One slot: claims and runs jobs while there may be some. */
  async function work(): Promise<void> {
    while (!shutdown.signal.aborted && (draining || wanted > 0)) {
      if (wanted > 0) wanted--;
      // A new macrotask before each claim: however long the backlog, requests are read in between.
      await turn();
      const claimed = await claim();
      if (!claimed) {
        draining = false;
        continue;
      }
      await runHeld(claimed);
    }
  }

  async function claim(): Promise<ClaimedSave | undefined> {
    if (shutdown.signal.aborted) return undefined;
    try {
      return await store.saveJobs.claimNext({
        workerId: options.workerId,
        now: clock.now(),
        leaseMs: options.leaseMs,
      });
    } catch (error) {
      if (!shutdown.signal.aborted) logger.error({ err: error }, "claiming a save job failed");
      return undefined;
    }
  }

  /** Runs a claimed job, renewing its lease while it runs (a step of milliseconds never renews). */
  async function runHeld(claimed: ClaimedSave): Promise<void> {
    const lost = new AbortController();
    const { id } = claimed.job;
    const renew = async () => {
      const now = clock.now();
      const held = await store.saveJobs.renew(id, options.workerId, now + options.leaseMs, now);
      if (!held) lost.abort(new Error("another worker took this save over"));
    };
    const heartbeat = setInterval(() => {
      renew().catch((error: unknown) =>
        logger.warn({ err: error, jobId: id }, "renewing a save lease failed"),
      );
    }, options.leaseMs / 3);
    try {
      await options.run(claimed, AbortSignal.any([shutdown.signal, lost.signal]));
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Every job due now is claimed; the next due time is waited for. */
  async function sweep(): Promise<void> {
    drain();
    const next = await store.saveJobs.nextDueAt();
    if (next !== undefined && next > clock.now()) due.add(next);
  }

  return {
    async start() {
      stopListening = store.onSaveDue((dueAt) => {
        if (dueAt === undefined) drain();
        else if (dueAt <= clock.now()) want(1);
        else due.add(dueAt);
      });
      await sweep();
      sweeper = setInterval(() => {
        sweep().catch((error: unknown) => logger.warn({ err: error }, "looking for due save jobs failed"));
      }, options.sweepMs);
    },
    async close() {
      shutdown.abort(new Error("the server is shutting down"));
      stopListening?.();
      clearInterval(sweeper);
      due.clear();
      await Promise.all(slots);
    },
  };
}
