// Differential fuzzing against the stateful server: the server validates requests with the
// bundled spec's own schemas, the client with validators compiled from the same spec, so for every
// generated create-image call (the same cases as differential-fuzz.test.ts, Unicode field names
// included) they must agree on whether it is valid. The server's verdict is its answer: a
// validation refusal (400 ModelArts.6335 missing, 6336 bad value, 4105 malformed JSON, 0101
// unreadable request; 404 APIGW.0101 when the instance id does not make a path the API has) or
// anything past validation (here mostly 6309, since the instance ids are random).

import { validateCreateImageRequest, validateInstanceId } from "@notebook-image/client";
import { type RunningServer, startServer } from "@notebook-image/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FuzzCase } from "./fuzz/arbitraries.js";
import { FUZZ_TOKEN } from "./fuzz/judge.js";
import { cases, runs, seed } from "./fuzz/sample.js";
import { mapLimit } from "./support/map-limit.js";
import { createImageUrl, exampleProjectId } from "./support/spec.js";

const CONCURRENCY = 8;
const VALIDATION_REFUSALS = new Set([
  "400 ModelArts.6335",
  "400 ModelArts.6336",
  "400 ModelArts.4105",
  "400 ModelArts.0101",
  "404 APIGW.0101",
]);

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({
    projectIds: [exampleProjectId],
    tokens: [FUZZ_TOKEN],
    transitions: { mode: "manual" },
  });
});
afterAll(async () => {
  await server?.close();
});

interface Verdict {
  fuzzCase: FuzzCase;
  clientAccepts: boolean;
  serverAccepts: boolean;
  answer: string;
}

async function judgeOnServer(c: FuzzCase): Promise<Verdict> {
  const clientAccepts =
    validateCreateImageRequest(c.body).length === 0 && validateInstanceId(c.instanceId).length === 0;
  const response = await fetch(createImageUrl(server.url, exampleProjectId, c.instanceId), {
    method: "POST",
    headers: { "content-type": "application/json", "x-auth-token": FUZZ_TOKEN },
    body: JSON.stringify(c.body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let code = "";
  try {
    code = (JSON.parse(text) as { error_code?: string }).error_code ?? "";
  } catch {
    code = "(no JSON body)";
  }
  const answer = `${response.status} ${code}`.trim();
  return { fuzzCase: c, clientAccepts, serverAccepts: !VALIDATION_REFUSALS.has(answer), answer };
}

describe("differential fuzz: client validation vs the stateful server", () => {
  it(`agrees with the server on ${runs} generated calls (seed ${seed})`, async () => {
    const verdicts = await mapLimit(cases, CONCURRENCY, judgeOnServer);
    const disagreements = verdicts.filter((v) => v.clientAccepts !== v.serverAccepts);
    expect(
      disagreements
        .slice(0, 10)
        .map(
          (v) =>
            `client ${v.clientAccepts ? "accepts" : "refuses"}, server ${v.answer}: ${fc.stringify(v.fuzzCase)}`,
        ),
      `${disagreements.length} of ${runs} calls judged differently (FUZZ_SEED=${seed})`,
    ).toEqual([]);
    // Nothing the server said was an internal error or a gateway refusal of the credentials.
    const unexpected = verdicts.filter(
      (v) => v.answer.startsWith("5") || v.answer.startsWith("401") || v.answer.startsWith("403"),
    );
    expect(unexpected.slice(0, 5).map((v) => v.answer)).toEqual([]);
    const accepted = verdicts.filter((v) => v.clientAccepts).length;
    console.info(`server fuzz seed ${seed}: ${accepted} calls valid and ${runs - accepted} refused by both`);
    expect(accepted, "accepted calls").toBeGreaterThan(runs * 0.15);
    expect(runs - accepted, "refused calls").toBeGreaterThan(runs * 0.15);
  });
});
