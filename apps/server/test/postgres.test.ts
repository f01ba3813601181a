// The server on a real PostgreSQL (the test harness starts one in a temporary directory), where
// requests really run at the same time on several connections, and two replicas share one database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createControlClient } from "../src/control/control-client.js";
import { DEV_NAMESPACE } from "../src/domain/seed.js";
import type { RunningServer } from "../src/server.js";
import {
  assertMatchesSpec,
  DEV_CREDENTIALS,
  DEV_PROJECT_ID,
  methodOf,
  pathOf,
  until,
} from "./support/harness.js";
import { postgresDatabase } from "./support/postgres.js";
import { startTestServer } from "./support/start-test-server.js";

let replicas: RunningServer[] = [];
beforeAll(async () => {
  const databaseUrl = await postgresDatabase();
  // One after the other: both run the migrations and the seed, the second finds them done.
  for (let i = 0; i < 2; i++) {
    replicas.push(
      await startTestServer({ databaseUrl, transitions: { mode: "immediate" }, worker: { pollMs: 50 } }),
    );
  }
}, 120_000);
afterAll(async () => {
  for (const replica of replicas) await replica.close();
  replicas = [];
});

async function call(server: RunningServer, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      "x-auth-token": DEV_CREDENTIALS.token,
      ...(body ? { "content-type": "application/json" } : {}),
    },
    body: body === undefined ? null : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const result = { status: response.status, headers: response.headers, body: await response.json() };
  assertMatchesSpec(method, path, result);
  return result;
}

async function newNotebook(server: RunningServer): Promise<string> {
  return (await createControlClient(server.url).createNotebook()).id;
}

let counter = 0;
const save = (server: RunningServer, notebook: string) =>
  call(server, methodOf("createImage"), pathOf("createImage", { project_id: DEV_PROJECT_ID, id: notebook }), {
    name: `pg-${++counter}`,
    namespace: DEV_NAMESPACE,
  });

describe("on PostgreSQL", () => {
  it("ten saves of one notebook at once, over both replicas: exactly one accepted, the others 2880 or 6357", async () => {
    const [a, b] = replicas as [RunningServer, RunningServer];
    const notebook = await newNotebook(a);
    // Held (manual transitions) so that the ten overlap with the save accepted: an immediate save
    // of the simulated engine is over within milliseconds, and on a loaded machine the ten
    // requests arrive over a second, some after it ended (a new save is then rightly accepted).
    await createControlClient(a.url).setTransitions({ mode: "manual" });
    await until(
      () => createControlClient(b.url).health(),
      (health) => (health.transitions as { mode: string }).mode === "manual",
    );
    try {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => save(i % 2 ? a : b, notebook)));
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      for (const refused of results.filter((r) => r.status !== 200)) {
        expect(["ModelArts.2880", "ModelArts.6357"]).toContain(refused.body.error_code);
      }
    } finally {
      await createControlClient(a.url).setTransitions({ mode: "immediate" });
      await until(
        () => createControlClient(b.url).health(),
        (health) => (health.transitions as { mode: string }).mode === "immediate",
      );
    }
  });

  it("a save accepted by one replica is ACTIVE on both, and the notebook points at it", async () => {
    const [a, b] = replicas as [RunningServer, RunningServer];
    const notebook = await newNotebook(b);
    const created = await save(a, notebook);
    expect(created.status).toBe(200);
    const show = (server: RunningServer) =>
      call(
        server,
        methodOf("ShowImage"),
        pathOf("ShowImage", { project_id: DEV_PROJECT_ID, id: created.body.id }),
      );
    await until(
      () => show(b),
      (r) => r.body.status === "ACTIVE",
    );
    expect((await show(a)).body.status).toBe("ACTIVE");
    const shown = await call(
      b,
      methodOf("ShowNotebook"),
      pathOf("ShowNotebook", { project_id: DEV_PROJECT_ID, id: notebook }),
    );
    expect(shown.body.image.id).toBe(created.body.id);
  });

  it("an image one replica shows from memory is gone there once the other deletes it", async () => {
    const [a, b] = replicas as [RunningServer, RunningServer];
    const created = await save(a, await newNotebook(a));
    expect(created.status).toBe(200);
    const path = pathOf("ShowImage", { project_id: DEV_PROJECT_ID, id: created.body.id });
    await until(
      () => call(a, methodOf("ShowImage"), path),
      (r) => r.body.status === "ACTIVE",
    );
    // Shown again, so that a holds it (a read that a notice overtook is not held).
    for (let i = 0; i < 3; i++) expect((await call(a, methodOf("ShowImage"), path)).status).toBe(200);
    expect((await call(b, methodOf("DeleteImage"), path)).status).toBe(200);
    // b's delete reaches a as a notice, on a's listening connection: soon, not at once.
    await until(
      () => call(a, methodOf("ShowImage"), path),
      (r) => r.body.error_code === "ModelArts.6404",
    );
  });

  it("the same name and tag saved on both replicas at once: one 200, one 2884", async () => {
    const [a, b] = replicas as [RunningServer, RunningServer];
    const body = { name: "pg-same", namespace: DEV_NAMESPACE, tag: "t" };
    const path = (notebook: string) => pathOf("createImage", { project_id: DEV_PROJECT_ID, id: notebook });
    const [first, second] = await Promise.all([
      call(a, "POST", path(await newNotebook(a)), body),
      call(b, "POST", path(await newNotebook(b)), body),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 400]);
    expect([first, second].find((r) => r.status === 400)?.body.error_code).toBe("ModelArts.2884");
  });
});
