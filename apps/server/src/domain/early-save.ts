// A save's commit begun before its job is recorded (SaveWorker.reserve): it runs while
// create-image is still being checked. The job's run takes it over once the job is recorded,
// claimed for this worker; a refusal discards its snapshot; the worker's close() gives it up.
import type { Engine, EngineStepContext, ImageTarget } from "../engine/engine.js";
import type { WorkerLogger } from "./save-worker.js";
import type { ImageRecord, SaveJob } from "./store-port.js";

/** What create-image holds while its checks run: an idle loop of the worker is kept for it. */
export interface EarlySave {
  /** What to record the job as claimed with, so that no other worker (replica) takes it. */
  claim(now: number): { workerId: string; leaseUntil: number };
  /** The job is recorded under `claim` (its transaction is over): the held loop runs it on from the commit begun. */
  run(job: SaveJob, image: ImageRecord): void;
  /**
   * The save was refused, or is not to start now: the loop is freed, and the promise resolves once
   * the early snapshot is discarded (never rejects), so that a refusal leaves nothing behind.
   */
  cancel(): Promise<void>;
}

/** A job handed to a reserved loop: recorded already, and claimed for this worker. */
export interface Handoff {
  job: SaveJob;
  image: ImageRecord;
  /** The commit begun before the job was recorded (absent: the job does not commit now). */
  commit?: Promise<{ localRef: string }>;
  /** Where the commit's progress goes from now on. */
  attach?(progress: (message: string) => void): void;
}

export interface EarlySaveDeps {
  engine: Engine;
  pause: boolean;
  /** The worker's shutdown: aborts the commit. */
  signal: AbortSignal;
  claim(now: number): { workerId: string; leaseUntil: number };
  /** Resumes the loop held for this save, with the job to run or with nothing (it idles again). */
  hand(handoff: Handoff | undefined): void;
  /** Called once, when the save is run (`running`), cancelled or given up at close. */
  settled(running: boolean): void;
  /** Gives back a job recorded after the worker closed, for the next start to resume. */
  release(job: SaveJob): void;
  logger: WorkerLogger;
}

/** Starts the commit now; `close` gives the save up (the worker's shutdown). */
export function beginEarlySave(
  input: { jobId: string; notebookId: string; target: ImageTarget },
  deps: EarlySaveDeps,
): EarlySave & { close(): void } {
  const { engine } = deps;
  // The engine's progress goes nowhere until the job's run takes the commit over: the last message
  // is kept for it.
  let sink: ((message: string) => void) | undefined;
  let pending: string | undefined;
  const ctx: EngineStepContext = {
    jobId: input.jobId,
    resumed: false,
    signal: deps.signal,
    progress: (message) => {
      if (sink) sink(message);
      else pending = message;
    },
  };
  const commit = engine.commit(
    { notebookId: input.notebookId, target: input.target, pause: deps.pause },
    ctx,
  );
  // Awaited by whoever takes it over (the run, or the discard): never an unhandled rejection.
  commit.catch(() => undefined);
  const discard = () =>
    commit.then(
      ({ localRef }) =>
        engine
          .remove({ localRef })
          .catch((error: unknown) =>
            deps.logger.warn({ err: error, jobId: input.jobId }, "removing an early snapshot failed"),
          ),
      // A commit that failed left nothing to remove (the engine discards a refused snapshot).
      () => undefined,
    );
  let settled = false;
  let closed = false;
  const settle = (running: boolean) => {
    if (settled) return false;
    settled = true;
    deps.settled(running);
    return true;
  };
  return {
    claim: deps.claim,
    run(job, image) {
      // Closed meanwhile: the loop is gone, and the next start resumes the job.
      if (closed) return deps.release(job);
      if (!settle(true)) return;
      if (job.faulted || job.phase !== "queued") {
        void discard();
        deps.hand({ job, image });
        return;
      }
      deps.hand({
        job,
        image,
        commit,
        attach(progress) {
          sink = progress;
          if (pending !== undefined) progress(pending);
        },
      });
    },
    cancel() {
      if (settle(false)) deps.hand(undefined);
      return discard();
    },
    close() {
      closed = true;
      if (settle(false)) deps.hand(undefined);
    },
  };
}
