// The stateful server under load: many saves at once all finish, one notebook never runs two saves,
// and the gateway's body limit holds. Real server (startServer, PGlite in memory) over HTTP.
import { type RunningServer, startServer } from "@notebook-image/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mapLimit } from "./support/map-limit.js";
import { addNotebook, call, save, saveRequest, setTransitions, waitUntilSettled } from "./support/server.js";

const SAVES = 1_000;
// The server answers the saves one database statement at a time (PGlite is one backend): on a
// loaded 2-core machine the last of a thousand queued requests waits tens of seconds.
const QUEUED_ANSWER_LIMIT_MS = 200_000;
// Refusals of a second save while one runs on the notebook (lifecycle-facts: 6357 another
// operation is running, 2880 a save job already exists).
const BUSY_CODES = new Set(["ModelArts.6357", "ModelArts.2880"]);

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ transitions: { mode: "immediate" } });
});
afterAll(async () => {
  await server?.close();
});

describe("stateful server under load", () => {
  it(`${SAVES} concurrent saves of ${SAVES} notebooks all reach ACTIVE`, async () => {
    const notebooks = await mapLimit(
      Array.from({ length: SAVES }, (_, i) => i),
      16,
      () => addNotebook(server.url),
    );
    const answers = await Promise.all(
      notebooks.map((id, i) => save(server.url, id, saveRequest(`load-${i}`), QUEUED_ANSWER_LIMIT_MS)),
    );
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused.slice(0, 3)).toEqual([]);
    const images = await mapLimit(answers, 32, (a) => waitUntilSettled(server.url, a.body.id, 120_000));
    const notActive = images.filter((image) => image.status !== "ACTIVE");
    expect(notActive.slice(0, 3)).toEqual([]);
    expect(new Set(images.map((image) => image.id)).size).toBe(SAVES);
  }, 400_000);

  it("two concurrent saves of one notebook give exactly one 200", async () => {
    await setTransitions(server.url, { mode: "manual" });
    try {
      for (let round = 0; round < 20; round++) {
        const notebook = await addNotebook(server.url);
        const answers = await Promise.all([
          save(server.url, notebook, saveRequest(`pair-${round}-a`)),
          save(server.url, notebook, saveRequest(`pair-${round}-b`)),
        ]);
        expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
        const refusal = answers.find((a) => a.status === 400);
        expect(BUSY_CODES.has(refusal?.body.error_code), JSON.stringify(refusal?.body)).toBe(true);
      }
    } finally {
      await setTransitions(server.url, { mode: "immediate" });
    }
  });

  it("answers a body over 12 MB with 413 APIGW.0201, and one just under it normally", async () => {
    const notebook = await addNotebook(server.url);
    const limit = 12 * 1024 * 1024;
    // A create-image body of exactly `bytes` bytes (ASCII), its description padded.
    const padded = (bytes: number) => {
      const request = saveRequest("big");
      const empty = JSON.stringify({ ...request, description: "" }).length;
      return JSON.stringify({ ...request, description: "x".repeat(bytes - empty) });
    };
    const send = (body: string) =>
      fetch(`${server.url}/v1/${server.credentials.projectIds[0]}/notebooks/${notebook}/create-image`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-auth-token": server.credentials.tokens[0] ?? "" },
        body,
        signal: AbortSignal.timeout(60_000),
      });
    const over = await send(padded(limit + 1));
    expect(over.status).toBe(413);
    expect(await over.json()).toMatchObject({ error_code: "APIGW.0201" });
    const under = await send(padded(limit - 1));
    await under.arrayBuffer();
    expect(under.status).not.toBe(413);
    // The server is still there.
    expect((await call(server.url, "GET", "/_control/health")).status).toBe(200);
  });
});
