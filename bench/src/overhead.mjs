// Client overhead: the same create-image call made through saveInstanceAsImage (token, AK/SK),
// through bare openapi-fetch (its engine: no middleware, no validation, no signing) and through
// plain fetch + JSON.parse, against one minimal local server in a child process. The variants run
// interleaved, in rounds whose order rotates, so that drift of a busy machine hits them all alike;
// each round times a batch of sequential calls per variant.
import { fork } from "node:child_process";
import { isDeepStrictEqual } from "node:util";
import { createNotebookImageClient } from "@notebook-image/client";
import createClient from "openapi-fetch";
import { CREATE_IMAGE_PATH, instanceId, projectId, referenceImage, requestBody } from "./spec.mjs";
import { median, quantile } from "./stats.mjs";

const TOKEN = "bench-token-0123456789abcdef";

/** @returns {Promise<{ url: string, close: () => void }>} */
export async function startReferenceServer() {
  const child = fork(new URL("./reference-server.mjs", import.meta.url), { stdio: "inherit" });
  const port = await new Promise((resolve, reject) => {
    child.once("message", (message) => resolve(/** @type {{ port: number }} */ (message).port));
    child.once("exit", (code) => reject(new Error(`reference server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, close: () => child.kill() };
}

/**
 * @param {string} baseUrl
 * @returns {Record<VariantName, () => Promise<unknown>>}
 */
export function variants(baseUrl) {
  const tokenClient = createNotebookImageClient({ projectId, baseUrl, auth: { token: TOKEN } });
  const akskClient = createNotebookImageClient({
    projectId,
    baseUrl,
    auth: { accessKey: "BENCHACCESSKEY000000", secretKey: "bench-secret-key-0123456789abcdef" },
  });
  /** @type {import("openapi-fetch").Client<import("@notebook-image/client").paths>} */
  const bare = createClient({ baseUrl });
  const url =
    baseUrl +
    CREATE_IMAGE_PATH.replace("{project_id}", encodeURIComponent(projectId)).replace(
      "{id}",
      encodeURIComponent(instanceId),
    );
  return {
    clientToken: () => tokenClient.saveInstanceAsImage(instanceId, requestBody),
    clientAkSk: () => akskClient.saveInstanceAsImage(instanceId, requestBody),
    openapiFetch: async () => {
      const { data, response } = await bare.POST(
        // The one POST path of the spec (create-image), read from it rather than typed here.
        /** @type {import("openapi-fetch").ClientPathsWithMethod<typeof bare, "post">} */ (CREATE_IMAGE_PATH),
        {
          params: { path: { project_id: projectId, id: instanceId } },
          body: requestBody,
          headers: { "X-Auth-Token": TOKEN },
        },
      );
      if (!response.ok) throw new Error(`openapi-fetch: ${response.status}`);
      return data;
    },
    plainFetch: async () => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-auth-token": TOKEN },
        body: JSON.stringify(requestBody),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`fetch: ${response.status}`);
      return JSON.parse(text);
    },
  };
}

/** @typedef {keyof typeof OVERHEAD_LABELS} VariantName */

export const OVERHEAD_LABELS = {
  clientToken: "saveInstanceAsImage, token",
  clientAkSk: "saveInstanceAsImage, AK/SK",
  openapiFetch: "bare openapi-fetch",
  plainFetch: "fetch + JSON.parse",
};

/** Median µs per call of each variant, and the median of the per-round ratios. */
/** @param {{ rounds: number, batch: number, warmup: number }} settings */
export async function benchOverhead({ rounds, batch, warmup }) {
  const server = await startReferenceServer();
  try {
    const calls = variants(server.url);
    const names = /** @type {VariantName[]} */ (Object.keys(calls));
    for (const name of names) {
      const result = await calls[name]();
      if (!isDeepStrictEqual(result, referenceImage))
        throw new Error(`${name} did not return the reference image`);
      for (let i = 0; i < warmup; i++) await calls[name]();
    }
    /** @type {Record<VariantName, number[]>} */
    const perCall = { clientToken: [], clientAkSk: [], openapiFetch: [], plainFetch: [] };
    for (let round = 0; round < rounds; round++) {
      const order = names.map((_, i) => /** @type {VariantName} */ (names[(i + round) % names.length]));
      for (const name of order) {
        const started = performance.now();
        for (let i = 0; i < batch; i++) await calls[name]();
        perCall[name].push(((performance.now() - started) / batch) * 1000);
      }
    }
    /** @type {(a: VariantName, b: VariantName) => number[]} */
    const perRound = (a, b) => perCall[a].map((t, i) => t / /** @type {number} */ (perCall[b][i]));
    /** @type {(a: VariantName, b: VariantName) => number} */
    const ratio = (a, b) => median(perRound(a, b));
    /** @type {(a: VariantName, b: VariantName) => [number, number]} */
    const quartiles = (a, b) => [quantile(perRound(a, b), 0.25), quantile(perRound(a, b), 0.75)];
    return {
      rounds,
      batch,
      medianMicros: Object.fromEntries(names.map((n) => [n, median(perCall[n])])),
      ratios: {
        tokenVsOpenapiFetch: ratio("clientToken", "openapiFetch"),
        akskVsOpenapiFetch: ratio("clientAkSk", "openapiFetch"),
        tokenVsPlainFetch: ratio("clientToken", "plainFetch"),
        akskVsPlainFetch: ratio("clientAkSk", "plainFetch"),
        openapiFetchVsPlainFetch: ratio("openapiFetch", "plainFetch"),
      },
      /** How much the per-round ratios spread: their first and third quartiles. */
      ratioQuartiles: {
        tokenVsOpenapiFetch: quartiles("clientToken", "openapiFetch"),
        akskVsOpenapiFetch: quartiles("clientAkSk", "openapiFetch"),
      },
    };
  } finally {
    server.close();
  }
}
