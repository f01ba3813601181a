// The fuzz cases that the differential tests (against Prism and against the server) judge: a fixed
// seed, so that CI runs the same cases every time; FUZZ_SEED and FUZZ_RUNS explore others.
import fc from "fast-check";
import { fuzzCase } from "./arbitraries.js";

const DEFAULT_SEED = 20_240_611;
export const seed = Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
export const runs = Number(process.env.FUZZ_RUNS ?? 2_500);
if (!Number.isInteger(seed) || !Number.isInteger(runs))
  throw new Error("FUZZ_SEED and FUZZ_RUNS must be integers");
export const cases = fc.sample(fuzzCase, { seed, numRuns: runs });
