// One piece of work under a time limit and the caller's signal: an attempt of a request, a wait
// for an image.
import { MAX_TIMER_MS } from "./defaults.js";

/**
 * A signal that aborts at the caller's abort (with the caller's reason) or once `timeoutMs` have
 * passed (with `expired`: an AbortError when none is given), and the function that ends the
 * work: it stops the timer and lets go of the caller's signal. A limit too long for a timer is
 * no limit.
 */
export function timeLimit(
  signal: AbortSignal | null | undefined,
  timeoutMs: number,
  expired?: unknown,
): [AbortSignal, () => void] {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  const timer =
    timeoutMs <= MAX_TIMER_MS ? setTimeout(() => controller.abort(expired), timeoutMs) : undefined;
  return [
    controller.signal,
    () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    },
  ];
}
