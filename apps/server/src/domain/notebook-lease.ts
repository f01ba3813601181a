// A notebook's automatic stop (its lease), as CreateNotebook, StartNotebook and RenewLease set it.
// Each of them gives a run time from now, while Huawei's SDK counts the lease's duration from the
// instance's create_at: the lease then ends at now + run time, i.e. its duration is
// now + run time - create_at. This server records and shows the lease; it never stops a notebook
// by itself (ShowNotebook's lease.enable is false).
import type { NotebookLease } from "./store-port.js";

/**
 * The run time when none is given: Huawei's documented default, the `default` of the spec's
 * NotebookLeaseRequest.duration (apps/server/test/notebook-lease.test.ts checks they agree).
 */
export const DEFAULT_RUN_MS = 3_600_000;

/** A lease as the API takes it: a run time from now, and the kind of stop in either case. */
export interface LeaseInput {
  runMs?: number | undefined;
  type?: "TIMING" | "IDLE" | "timing" | "idle" | undefined;
}

/** The lease of a notebook created at `createAt` that may run `runMs` from `now`. */
export function leaseFromNow(createAt: number, now: number, input: LeaseInput = {}): NotebookLease {
  return {
    duration: now + (input.runMs ?? DEFAULT_RUN_MS) - createAt,
    type: input.type === undefined ? "TIMING" : (input.type.toUpperCase() as NotebookLease["type"]),
  };
}

/**
 * What the API's duration and lease fields ask for: a `duration` given apart from the lease (the
 * query's of StartNotebook and RenewLease, CreateNotebook's top-level one) wins over the lease's,
 * and makes the stop TIMING, as Huawei's SDK documents it.
 */
export function leaseInput(
  duration: number | undefined,
  lease: { duration?: number | undefined; type?: LeaseInput["type"] } | undefined,
): LeaseInput {
  if (duration !== undefined) return { runMs: duration, type: "TIMING" };
  return { runMs: lease?.duration, type: lease?.type };
}
