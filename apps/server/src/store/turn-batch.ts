// The calls of one event-loop turn handed over together, so that a repository sends them as one
// statement instead of one each: on PGlite's one connection every statement waits for the one
// before, and what a statement costs is mostly its own round, not its rows. DataLoader, without its
// cache (every call is sent), scheduled with setImmediate: after all the sockets read in this turn
// of the loop, not only the requests of one socket's callback (its default, a microtask, closes the
// group before the next socket is read).
import DataLoader from "dataloader";

/**
 * A function of one input whose calls of a turn reach `run` together (at most `maxGroup` at a
 * time), in the order they were made. `run` answers each input in that order: a value, or an Error
 * that rejects that call alone.
 */
export function turnBatch<In, Out>(
  run: (inputs: readonly In[]) => Promise<readonly (Out | Error)[]>,
  maxGroup: number,
): (input: In) => Promise<Out> {
  const loader = new DataLoader<In, Out>(run, {
    cache: false,
    maxBatchSize: maxGroup,
    batchScheduleFn: (callback) => setImmediate(callback),
  });
  return (input) => loader.load(input);
}

/** The error a call's own promise rejected with, as the Error that `run` answers for it. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
