// Two replicas of the server on one PostgreSQL: 200 saves, each run exactly once (one commit, one
// push, one size per save job across both), every one ACTIVE.
import { type Engine, type RunningServer, startServer } from "@notebook-image/server";
import { type PostgresServer, startPostgres } from "@notebook-image/test-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mapLimit } from "./support/map-limit.js";
import { addNotebook, save, saveRequest, waitUntilSettled } from "./support/server.js";

const SAVES = 200;

/** An engine that does nothing but count its steps, per save job and replica. */
function countingEngine(replica: string, steps: { replica: string; step: string; jobId: string }[]): Engine {
  const record = (step: string, jobId: string) => steps.push({ replica, step, jobId });
  return {
    kind: "simulated",
    async commit(_input, ctx) {
      record("commit", ctx.jobId);
      return { localRef: `local/${ctx.jobId}` };
    },
    async push(_input, ctx) {
      record("push", ctx.jobId);
    },
    async size(_target, ctx) {
      record("size", ctx.jobId);
      return 1_000_000;
    },
    async remove() {},
    async exists() {
      return false;
    },
    async close() {},
  };
}

let postgres: PostgresServer;
const replicas: RunningServer[] = [];
const steps: { replica: string; step: string; jobId: string }[] = [];
beforeAll(async () => {
  postgres = await startPostgres();
  const databaseUrl = await postgres.createDatabase();
  // One after the other: the first creates the schema, the second finds it.
  for (const name of ["a", "b"]) {
    replicas.push(
      await startServer({
        databaseUrl,
        transitions: { mode: "immediate" },
        engine: countingEngine(name, steps),
      }),
    );
  }
});
afterAll(async () => {
  for (const replica of replicas) await replica.close();
  await postgres?.close();
});

describe("replicas on one PostgreSQL", () => {
  it(`run each of ${SAVES} saves exactly once`, async () => {
    const [a, b] = replicas as [RunningServer, RunningServer];
    const notebooks = await mapLimit(
      Array.from({ length: SAVES }, (_, i) => i),
      16,
      (i) => addNotebook((i % 2 ? a : b).url),
    );
    // Saves arrive at both replicas; either one's worker may run any of them.
    const answers = await mapLimit(
      notebooks.map((id, i) => ({ id, replica: i % 2 ? a : b })),
      32,
      ({ id, replica }) => save(replica.url, id, saveRequest(`replica-${id}`)),
    );
    expect(answers.filter((x) => x.status !== 200).slice(0, 3)).toEqual([]);
    const images = await mapLimit(answers, 32, (x) => waitUntilSettled(a.url, x.body.id, 120_000));
    expect(images.filter((image) => image.status !== "ACTIVE").slice(0, 3)).toEqual([]);

    for (const step of ["commit", "push", "size"]) {
      const perJob = new Map<string, number>();
      for (const s of steps.filter((s) => s.step === step))
        perJob.set(s.jobId, (perJob.get(s.jobId) ?? 0) + 1);
      expect(perJob.size, `${step}: save jobs`).toBe(SAVES);
      expect(
        [...perJob.values()].filter((n) => n !== 1),
        `${step} run more than once`,
      ).toEqual([]);
    }
    const byReplica = (name: string) => steps.filter((s) => s.step === "commit" && s.replica === name).length;
    console.info(`replica a committed ${byReplica("a")} saves, replica b ${byReplica("b")}`);
  });
});
