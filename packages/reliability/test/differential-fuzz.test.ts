// Differential fuzzing: the client's validators and Prism both derive from the spec, so for every
// generated call they must agree on accepting or refusing it. Thousands of calls cover boundary
// lengths, every character class, Unicode, wrong types, missing and extra fields.
import { createNotebookImageClient } from "@notebook-image/client";
import fc from "fast-check";
import { describe, expect, inject, it } from "vitest";
import { fuzzCase } from "./fuzz/arbitraries.js";
import { coveredFeatures, expectedFeatures } from "./fuzz/coverage.js";
import { FUZZ_TOKEN, type Judgement, judge } from "./fuzz/judge.js";
import { cases, runs, seed } from "./fuzz/sample.js";
import { mapLimit } from "./support/map-limit.js";
import { exampleProjectId } from "./support/spec.js";

// A few requests in flight keep Prism busy without drowning a small machine.
const CONCURRENCY = 8;

const mockUrl = inject("mockUrl");
const client = createNotebookImageClient({
  projectId: exampleProjectId,
  baseUrl: mockUrl,
  auth: { token: FUZZ_TOKEN },
  retry: false,
});

const describeCase = (j: Judgement) =>
  `client ${j.clientAccepts ? "accepts" : "refuses"}, Prism ${j.prismAccepts ? "accepts" : "refuses"}: ` +
  `${fc.stringify(j.fuzzCase)} (${j.detail})`;

describe("differential fuzz: client validation vs Prism", () => {
  it("generates every character class, boundary length, wrong type, missing and unknown field", () => {
    const covered = coveredFeatures(cases);
    expect(expectedFeatures().filter((feature) => !covered.has(feature))).toEqual([]);
  });

  it(`agrees with Prism on ${runs} generated calls (seed ${seed})`, async () => {
    const judgements = await mapLimit(cases, CONCURRENCY, (c) => judge(client, mockUrl, c));
    const disagreements = judgements.filter((j) => j.clientAccepts !== j.prismAccepts);

    if (disagreements.length > 0) {
      // Replay the same seed through fast-check's runner, which shrinks the first failure.
      const shrunk = await fc.check(
        fc.asyncProperty(fuzzCase, async (c) => {
          const j = await judge(client, mockUrl, c);
          return j.clientAccepts === j.prismAccepts;
        }),
        { seed, numRuns: runs },
      );
      const minimal = shrunk.counterexample
        ? describeCase(await judge(client, mockUrl, shrunk.counterexample[0]))
        : "(not reproduced by the runner)";
      throw new Error(
        [
          `${disagreements.length} of ${runs} calls judged differently (FUZZ_SEED=${seed} FUZZ_RUNS=${runs}).`,
          `Shrunk counterexample: ${minimal}`,
          ...disagreements.slice(0, 10).map((j) => `- ${describeCase(j)}`),
        ].join("\n"),
      );
    }

    // Every call is judged by both (no class is kept from Prism any more, patches/ fixed the one
    // that killed it), and the comparison means something only if both verdicts are common.
    const accepted = judgements.filter((j) => j.clientAccepts).length;
    console.info(`fuzz seed ${seed}: ${accepted} calls accepted and ${runs - accepted} refused by both`);
    expect(judgements, "calls judged by both").toHaveLength(runs);
    expect(accepted, "accepted calls").toBeGreaterThan(runs * 0.15);
    expect(runs - accepted, "refused calls").toBeGreaterThan(runs * 0.15);
  });
});
