// The zero-dependency engine: no container runtime, nothing written anywhere. A save "commits" and
// "pushes" at once and reports a plausible size, so the server walks images through the real
// lifecycle; how long that takes is the transitions setting (the worker's), and failures come from
// injected faults (POST /_control/faults), not from here.
import type { Engine, EngineStepContext, ImageTarget } from "../engine.js";

/** A saved notebook of the simulated kind weighs what a small CPU notebook image does. */
const BASE_SIZE_BYTES = 387_840_321;

export function createSimulatedEngine(): Engine {
  const pushed = new Set<string>();
  let closed = false;
  const ensureOpen = (ctx?: EngineStepContext) => {
    if (closed) throw new Error("the simulated engine is closed");
    ctx?.signal.throwIfAborted();
  };
  return {
    kind: "simulated",
    async commit(input, ctx) {
      ensureOpen(ctx);
      ctx.progress("committing the notebook's file system");
      return { localRef: `simulated/${input.notebookId}:${ctx.jobId}` };
    },
    async push(input, ctx) {
      ensureOpen(ctx);
      ctx.progress(`pushing ${reference(input.target)}`);
      pushed.add(reference(input.target));
    },
    async size(target, ctx) {
      ensureOpen(ctx);
      // Deterministic per target, so a test or a person sees the same size for the same image.
      let spread = 0;
      for (const char of reference(target)) spread = (spread * 31 + char.charCodeAt(0)) % 1_000_000;
      return BASE_SIZE_BYTES + spread;
    },
    async remove(input) {
      if (input.target) pushed.delete(reference(input.target));
    },
    // The database holds every image the server made; the simulated registry has nothing else.
    async exists() {
      return false;
    },
    async close() {
      closed = true;
      pushed.clear();
    },
  };
}

function reference(target: ImageTarget): string {
  return `${target.registryHost}/${target.namespace}/${target.name}:${target.tag}`;
}
