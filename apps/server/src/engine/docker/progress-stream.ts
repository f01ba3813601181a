// Reading an Engine API progress stream (push, pull) to its end. The API answers 200 before the
// work starts, so a failure arrives as an `error`/`errorDetail` event inside the stream, which
// dockerode's followProgress does not hand to its callback: every line is parsed here.

export interface ProgressEvent {
  status?: string;
  id?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/** A stream that ended with an error event, or broke off; the message is the engine's own. */
export class ProgressStreamError extends Error {
  override readonly name = "ProgressStreamError";
}

/**
 * Consumes `stream` to its end, handing each event to `onEvent`. Resolves when it ended without an
 * error event; rejects with ProgressStreamError (the engine's message) when it carried one, broke
 * off, or `signal` was aborted.
 */
export function readProgressStream(
  stream: NodeJS.ReadableStream,
  options: { onEvent?: (event: ProgressEvent) => void; signal?: AbortSignal | undefined } = {},
): Promise<void> {
  const { onEvent, signal } = options;
  const destroy = (reason: Error) =>
    (stream as NodeJS.ReadableStream & { destroy?: (e: Error) => void }).destroy?.(reason);
  return new Promise((resolve, reject) => {
    let failure: string | undefined;
    let pending = "";
    let settled = false;
    const handle = (line: string) => {
      if (line.trim() === "") return;
      let event: ProgressEvent;
      try {
        event = JSON.parse(line) as ProgressEvent;
      } catch {
        return; // not an event; the stream's end decides
      }
      if (event.error !== undefined || event.errorDetail !== undefined) {
        failure ??= event.errorDetail?.message || event.error || "the engine reported an error";
        return;
      }
      onEvent?.(event);
    };
    const onAbort = () => destroy(new Error("the server is shutting down"));
    const settle = (message?: string) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      if (message === undefined) resolve();
      else reject(new ProgressStreamError(message));
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string | Buffer) => {
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) handle(line);
    });
    stream.once("error", (error: Error) => settle(failure ?? `the stream broke off: ${error.message}`));
    stream.once("end", () => {
      handle(pending);
      settle(failure);
    });
    // Closed without an end: the connection went away mid-stream.
    stream.once("close", () => settle(failure ?? "the stream closed before its end"));
  });
}

/** A layer is done once the registry has it, whether just uploaded or already there. */
const LAYER_DONE = /^(Pushed|Layer already exists|Mounted from)/;

/**
 * Turns push events into "pushing n of m layers" for `report`. Docker sends per-layer events;
 * podman 4.3's compatible API sends none, and then the message stays "pushing m layers".
 */
export function layerProgress(layerCount: number, report: (message: string) => void) {
  const seen = new Set<string>();
  const done = new Set<string>();
  let last = "";
  const say = () => {
    const total = Math.max(layerCount, seen.size);
    const message = seen.size > 0 ? `pushing ${done.size} of ${total} layers` : `pushing ${total} layers`;
    if (message !== last) report(message);
    last = message;
  };
  say();
  return (event: ProgressEvent) => {
    if (!event.id || !event.status || !/^[0-9a-f]{12,}$/.test(event.id)) return;
    seen.add(event.id);
    if (LAYER_DONE.test(event.status)) done.add(event.id);
    say();
  };
}
