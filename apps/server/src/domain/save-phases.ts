// The save as a phase machine: for a job's phase and what just happened to it, the next phase and
// what to record. Pure: no store, no engine, no clock (the worker runs it: run-save.ts).
//
//   queued ──due──▶ saving ──engine done──▶ done (ACTIVE)            when the finish is due
//     │               │                  └─▶ sized ──due──▶ done     when it is not yet
//     │               └──engine failed────▶ failed (CREATE_FAILED)
//     ├──due, finish not due, faulted or an instant engine──▶ held ──due──▶ engine… (or failed, faulted)
//     └──due, finish due, an instant engine──▶ engine… (nothing written before: ACTIVE follows at once)
//
// A phase is written only where a crash would otherwise lose or repeat work that matters: `saving`
// says the image shows CREATING and the notebook SNAPSHOTTING (the engine's steps run again after a
// crash, which they allow: a commit finds its snapshot by job id, a push the registry's layers);
// `sized` keeps the engine's result while the transitions hold the image in CREATING; `held` says
// the image shows CREATING while nothing was asked of the engine yet.
//
// The messages follow the save's phases as a real one's do: a save spends its CREATING time on the
// snapshot and the push, then turns ACTIVE. An engine whose steps take real time (docker) runs them
// at once and reports its own progress; one whose steps take none (the simulated engine) runs them
// when the finish is due, so that the wait stands for them and says so, instead of saying the
// push is over ("pushed; finishing") for most of the save.
import type { ImageRecord, SaveJob, SaveRecord, TransitionSettings } from "./store-port.js";
import { finishDueAt } from "./transitions.js";

export type SaveEvent =
  /** The worker claimed the job: its due time came (time reached, advance, `immediate`). */
  | { kind: "due" }
  /** The engine committed, pushed and measured the image. */
  | { kind: "saved"; localRef: string; size: number }
  /**
   * An engine step failed, or the save cannot go on. `localRef`: what the commit made, if it did;
   * `pushBegun`: the push had started.
   */
  | { kind: "failed"; reason: string; localRef: string | null; pushBegun: boolean };

export type SaveStep =
  /** Record, then run the engine's steps and come back with `saved` or `failed`. */
  | { next: "engine"; record: SaveRecord | undefined }
  /** Record, giving the job back until its due time. */
  | { next: "wait"; record: SaveRecord }
  /** Saved: record, then remove the engine's intermediate image. */
  | { next: "done"; record: SaveRecord; localRef: string | null }
  /** Failed: remove what the save left on the engine (and in the registry when `target`), then record. */
  | { next: "failed"; record: SaveRecord; localRef: string | null; target: boolean };

/** What CREATING says until the engine reports its own progress: the work the save's time goes to. */
export const SAVING_MESSAGE = "snapshotting the notebook, then pushing the image to SWR";
/** An engine's work is over and the transitions hold the image in CREATING (the docker engine). */
export const FINISHING_MESSAGE = "pushed; finishing";

export interface PhaseContext {
  now: number;
  transitions: TransitionSettings;
  /** The engine's steps take no time (the simulated engine): they run when the finish is due. */
  instantEngine: boolean;
  /** A save interrupted this many times ends CREATE_FAILED instead of being resumed again. */
  maxAttempts: number;
}

export function nextStep(
  job: SaveJob,
  image: ImageRecord | undefined,
  event: SaveEvent,
  context: PhaseContext,
): SaveStep {
  if (!image) return failed(job, "the image record no longer exists", false);
  switch (event.kind) {
    case "due":
      return onDue(job, image, context);
    case "saved": {
      const finishNow = job.dueAt !== null && job.dueAt <= context.now;
      if (finishNow) return saved(image, event.size, event.localRef);
      return {
        next: "wait",
        record: {
          job: { phase: "sized", size: event.size, localRef: event.localRef },
          release: true,
          image: { statusMessage: FINISHING_MESSAGE },
        },
      };
    }
    case "failed":
      return failed({ ...job, localRef: event.localRef ?? job.localRef }, event.reason, event.pushBegun);
  }
}

function onDue(job: SaveJob, image: ImageRecord, context: PhaseContext): SaveStep {
  if (job.attempts > context.maxAttempts) {
    const reason = `the save was interrupted ${job.attempts - 1} times (during ${job.phase}); giving up`;
    return failed(job, reason, false);
  }
  switch (job.phase) {
    case "queued": {
      const dueAt = finishDueAt(context.transitions, context.now);
      const finishDue = dueAt !== null && dueAt <= context.now;
      const creating = {
        release: false,
        image: { status: "CREATING", statusMessage: SAVING_MESSAGE },
        notebook: { status: "SNAPSHOTTING" },
      } as const;
      // A fault fails the save when its finish is due, with nothing asked of the engine; an instant
      // engine's steps run then too. Until then the image shows CREATING.
      if (!finishDue && (job.faulted || context.instantEngine)) {
        return { next: "wait", record: { ...creating, job: { phase: "held", dueAt }, release: true } };
      }
      if (job.faulted) return failed(job, faultReason(job), false);
      // An instant engine's steps end at once in ACTIVE: CREATING would be overwritten straight
      // away, so it is not written (the job stays `queued`; a crash runs the steps again).
      if (context.instantEngine) return { next: "engine", record: undefined };
      return { next: "engine", record: { ...creating, job: { phase: "saving", dueAt } } };
    }
    case "held":
      if (job.faulted) return failed(job, faultReason(job), false);
      // The phase stays `held` while the engine runs: a crash runs its steps again, which they allow.
      return { next: "engine", record: undefined };
    case "saving":
      return {
        next: "engine",
        record: {
          job: {},
          release: false,
          image: { statusMessage: `resumed after a server restart (was ${job.phase})` },
        },
      };
    case "sized":
      if (job.faulted) return failed(job, faultReason(job), false);
      return saved(image, job.size ?? 0, job.localRef);
    case "done":
    case "failed":
      throw new Error(`a save job that is ${job.phase} cannot be run`);
  }
}

function saved(image: ImageRecord, size: number, localRef: string | null): SaveStep {
  return {
    next: "done",
    localRef,
    record: {
      job: { phase: "done" },
      release: true,
      image: { status: "ACTIVE", statusMessage: null, size },
      notebook: {
        status: "RUNNING",
        image: { id: image.id, name: image.name, swrPath: image.swrPath, type: image.type },
      },
    },
  };
}

function failed(job: SaveJob, reason: string, pushBegun: boolean): SaveStep {
  return {
    next: "failed",
    localRef: job.localRef,
    // The target's tag may be on the engine (a push cut short) and in the registry, where its
    // name:tag would then pass for taken (2884): it goes too once a push may have begun.
    target:
      !job.faulted && (pushBegun || job.phase === "sized" || (job.phase === "saving" && job.attempts > 1)),
    record: {
      job: { phase: "failed", failure: reason },
      release: true,
      image: { status: "CREATE_FAILED", statusMessage: reason },
      notebook: { status: "RUNNING" },
    },
  };
}

function faultReason(job: SaveJob): string {
  return job.failure ?? "the save failed (injected fault)";
}
