import { describe, expect, it } from "vitest";
import { createSimulatedEngine } from "./simulated-engine.js";

const target = { registryHost: "swr.local", namespace: "atelier-auto", name: "pytorch", tag: "v1" };
const context = (signal = new AbortController().signal) => {
  const progress: string[] = [];
  return { progress, ctx: { jobId: "job-1", signal, progress: (m: string) => progress.push(m) } };
};

describe("simulated engine", () => {
  it("commits, pushes and sizes a save, reporting each phase", async () => {
    const engine = createSimulatedEngine();
    const { ctx, progress } = context();
    const { localRef } = await engine.commit({ notebookId: "nb", target, pause: true }, ctx);
    expect(localRef).toContain("job-1");
    await engine.push({ localRef, target }, ctx);
    const size = await engine.size(target, ctx);
    expect(size).toBe(await engine.size(target, ctx));
    expect(size).not.toBe(await engine.size({ ...target, tag: "v2" }, ctx));
    expect(progress).toHaveLength(2);
  });

  it("stops a step when the server shuts down", async () => {
    const engine = createSimulatedEngine();
    const abort = new AbortController();
    abort.abort(new Error("shutting down"));
    await expect(
      engine.commit({ notebookId: "nb", target, pause: true }, context(abort.signal).ctx),
    ).rejects.toThrow("shutting down");
  });

  it("refuses work once closed", async () => {
    const engine = createSimulatedEngine();
    await engine.close();
    await expect(engine.size(target, context().ctx)).rejects.toThrow("closed");
  });
});
