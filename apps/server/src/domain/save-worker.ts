// The save worker: the queue runner (job-runner.ts) claiming due save jobs, each run through the
// phase machine (run-save.ts, save-phases.ts), so that an image walks INIT → CREATING → ACTIVE (or
// CREATE_FAILED with the reason) and a restarted server resumes a save where it stood. Several
// workers (replicas on one PostgreSQL) can share the queue: a job is held under a lease.
import { randomUUID } from "node:crypto";
import type { Engine } from "../engine/engine.js";
import type { Clock } from "./clock.js";
import { createJobRunner } from "./job-runner.js";
import { runSave, type WorkerLogger } from "./run-save.js";
import type { ImageRecord, StorePort } from "./store-port.js";

export type { WorkerLogger };

export interface SaveWorkerOptions {
  store: StorePort;
  engine: Engine;
  clock: Clock;
  /** Unique per process: the store records which worker holds which job. */
  workerId: string;
  logger: WorkerLogger;
  /** How long a claim lasts without renewal. */
  leaseMs?: number;
  /** How often an idle worker looks for work that no notice announced (a dead replica's). */
  pollMs?: number;
  /** Saves worked on at once (engine steps wait on I/O). */
  concurrency?: number;
  /** Pause the container while committing (Docker's default). */
  pause?: boolean;
  /** A save interrupted this many times ends CREATE_FAILED instead of being resumed again. */
  maxAttempts?: number;
}

export interface SaveWorker {
  start(): Promise<void>;
  /** Called with every image the worker changes. Returns a function that unsubscribes. */
  onImageChange(listener: (image: ImageRecord) => void): () => void;
  /** Stops claiming, aborts the engine steps running and gives their jobs back; resolves when idle. */
  close(): Promise<void>;
}

export function createSaveWorker(options: SaveWorkerOptions): SaveWorker {
  const { store, engine, clock, workerId, logger } = options;
  const listeners = new Set<(image: ImageRecord) => void>();
  const runner = createJobRunner({
    store,
    clock,
    workerId,
    logger,
    leaseMs: options.leaseMs ?? 30_000,
    sweepMs: options.pollMs ?? 5_000,
    concurrency: options.concurrency ?? defaultConcurrency(engine),
    run: (claimed, signal) =>
      runSave(claimed, {
        store,
        engine,
        clock,
        workerId,
        logger,
        pause: options.pause ?? true,
        maxAttempts: options.maxAttempts ?? 3,
        signal,
        onImage: (image) => {
          for (const listener of listeners) listener(image);
        },
      }),
  });

  /** Removes the intermediate images of jobs that are over (or unknown): what a crash left behind. */
  async function sweepIntermediates(): Promise<void> {
    for (const { jobId, localRef } of (await engine.intermediateImages?.()) ?? []) {
      const job = await store.saveJobs.get(jobId);
      if (job && job.phase !== "done" && job.phase !== "failed") continue;
      await engine.remove({ localRef });
      logger.info({ jobId, localRef }, "removed an intermediate image left behind");
    }
  }

  let started: Promise<void> | undefined;
  return {
    start() {
      started ??= (async () => {
        sweepIntermediates().catch((error: unknown) =>
          logger.warn({ err: error }, "removing the intermediate images left behind failed"),
        );
        await runner.start();
      })();
      return started;
    },
    onImageChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => runner.close(),
  };
}

/**
 * Saves worked on at once when the options name no number. The docker engine's steps are commits
 * and pushes: a few at once share the disk and the network. The simulated engine's steps take no
 * time, so a slot costs only its statements, and the claims and steps of one turn go as one
 * statement each (turn-batch.ts): as many slots as a turn's requests enqueue keep the queue as short
 * as the requests make it, where 4 slots drained 4 saves per round of statements and let a backlog
 * grow under 32 clients that every request then queued behind.
 */
function defaultConcurrency(engine: Engine): number {
  return engine.kind === "simulated" ? 64 : 4;
}

/** A worker id unique per process and start: host, pid and a random part. */
export function newWorkerId(host: string): string {
  return `${host}:${process.pid}:${randomUUID().slice(0, 8)}`;
}
