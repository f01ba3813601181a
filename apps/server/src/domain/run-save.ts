// Runs one claimed save job: asks the phase machine (save-phases.ts) what comes next, records it,
// and runs the engine's steps when it says so. Never throws: a failure ends the image
// CREATE_FAILED with the reason; a shutdown gives the job back for the next start to resume.
import { type Engine, EngineError, type EngineStepContext, type ImageTarget } from "../engine/engine.js";
import type { Clock } from "./clock.js";
import { nextStep, type SaveEvent, type SaveStep } from "./save-phases.js";
import { progressWriter } from "./save-progress.js";
import type { ClaimedSave, ImageRecord, SaveJob, SaveRecord, StorePort } from "./store-port.js";

export interface WorkerLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface SaveRunContext {
  store: StorePort;
  engine: Engine;
  clock: Clock;
  workerId: string;
  logger: WorkerLogger;
  /** Pause the container while committing (Docker's default). */
  pause: boolean;
  maxAttempts: number;
  /** Aborted when the worker shuts down (or loses the job). */
  signal: AbortSignal;
  /** Called with the image after every change the save makes to it. */
  onImage(image: ImageRecord): void;
}

/** Another worker holds the job now (its lease ran out): it carries on, this one stops. */
export class LostClaim extends Error {
  override readonly name = "LostClaim";
}

export async function runSave(claimed: ClaimedSave, context: SaveRunContext): Promise<void> {
  const { store, clock, workerId, logger, signal } = context;
  // Where the save stands: what the last record returned.
  const state = { ...claimed };
  try {
    await walk(state, { kind: "due" }, context);
  } catch (error) {
    if (error instanceof LostClaim) {
      logger.warn({ jobId: state.job.id }, "another worker took this save over");
      return;
    }
    if (signal.aborted) {
      // Shutting down: the phase reached is recorded; the next start resumes from it.
      await store.saveJobs.release(state.job.id, workerId, clock.now()).catch(() => undefined);
      return;
    }
    const reason = `internal error while saving: ${error instanceof Error ? error.message : String(error)}`;
    logger.error({ err: error, jobId: state.job.id }, "save failed");
    const failed: SaveEvent = { kind: "failed", reason, localRef: null, pushBegun: false };
    await walk(state, failed, context).catch((failure: unknown) =>
      logger.error({ err: failure, jobId: state.job.id }, "recording a failed save failed"),
    );
  }
}

/** From `event` to the end of what the job can do now. */
async function walk(state: ClaimedSave, first: SaveEvent, context: SaveRunContext): Promise<void> {
  let event = first;
  for (;;) {
    const { job, image } = state;
    const { transitions } = await context.store.settings.get();
    const now = context.clock.now();
    const step = nextStep(job, image, event, {
      now,
      transitions,
      maxAttempts: context.maxAttempts,
      instantEngine: context.engine.kind === "simulated",
    });
    if (step.next === "failed") await cleanUpFailed(step, job, image, context);
    if (step.record) Object.assign(state, await record(job, step.record, context));
    if (step.next === "done") {
      context.logger.info({ imageId: job.imageId, jobId: job.id }, "image saved");
      await removeIntermediate(step, job, context);
    }
    if (step.next !== "engine" || !state.image) return;
    event = await saveOnEngine(state.job, state.image, context);
  }
}

async function record(job: SaveJob, change: SaveRecord, context: SaveRunContext) {
  const written = await context.store.saveJobs.record(job.id, context.workerId, change, context.clock.now());
  if (!written) throw new LostClaim();
  if (written.image) context.onImage(written.image);
  return written;
}

/** Commit, push and measure; a failure of the engine comes back as the `failed` event. */
async function saveOnEngine(job: SaveJob, image: ImageRecord, context: SaveRunContext): Promise<SaveEvent> {
  const { engine, store, clock } = context;
  const progress = progressWriter((message) => store.images.showProgress(image.id, message, clock.now()));
  const ctx: EngineStepContext = {
    jobId: job.id,
    resumed: job.attempts > 1,
    signal: context.signal,
    progress: (message) => progress.report(message),
  };
  const target = targetOf(image);
  let localRef: string | null = null;
  try {
    ({ localRef } = await engine.commit({ notebookId: job.notebookId, target, pause: context.pause }, ctx));
    await engine.push({ localRef, target }, ctx);
    const size = await engine.size(target, ctx);
    return { kind: "saved", localRef, size };
  } catch (error) {
    if (!(error instanceof EngineError) || context.signal.aborted) throw error;
    // Once committed, the push may have begun.
    return { kind: "failed", reason: error.message, localRef, pushBegun: localRef !== null };
  } finally {
    await progress.stop();
  }
}

/** Before CREATE_FAILED shows, so that whoever sees it finds nothing of the save left. */
async function cleanUpFailed(
  step: Extract<SaveStep, { next: "failed" }>,
  job: SaveJob,
  image: ImageRecord | undefined,
  context: SaveRunContext,
): Promise<void> {
  const target = step.target && image ? targetOf(image) : undefined;
  if (!step.localRef && !target) return;
  await context.engine
    .remove({ localRef: step.localRef ?? undefined, target })
    .catch((error: unknown) =>
      context.logger.warn({ err: error, jobId: job.id }, "removing what a failed save left failed"),
    );
}

/** The image is ACTIVE whatever happens here: a failure must not turn it CREATE_FAILED. */
async function removeIntermediate(
  step: Extract<SaveStep, { next: "done" }>,
  job: SaveJob,
  context: SaveRunContext,
): Promise<void> {
  if (!step.localRef) return;
  await context.engine
    .remove({ localRef: step.localRef })
    .catch((error: unknown) =>
      context.logger.warn(
        { err: error, jobId: job.id },
        "removing the intermediate image of a saved image failed",
      ),
    );
}

/** The registry host is taken from the image's own swr_path, which a restart with other flags leaves as it was. */
export function targetOf(image: ImageRecord): ImageTarget {
  const suffix = `/${image.namespace}/${image.name}:${image.tag}`;
  const registryHost = image.swrPath.endsWith(suffix)
    ? image.swrPath.slice(0, -suffix.length)
    : image.swrPath;
  return { registryHost, namespace: image.namespace, name: image.name, tag: image.tag };
}
