// Mock: latency and throughput of the Prism mock (startMock on a free loopback port) for a valid
// create-image call, with 1 client and with 32 concurrent clients, a bounded number of requests.
import { startMock } from "@notebook-image/mock";
import { CREATE_IMAGE_PATH, instanceId, projectId, requestBody } from "./spec.mjs";
import { quantile } from "./stats.mjs";

/**
 * @param {string} url
 * @param {number} concurrency
 * @param {number} requests
 */
async function measure(url, concurrency, requests) {
  const body = JSON.stringify(requestBody);
  const headers = { "content-type": "application/json", "x-auth-token": "bench-token" };
  /** @type {number[]} */
  const latencies = [];
  let issued = 0;
  async function client() {
    while (issued < requests) {
      issued++;
      const started = performance.now();
      const response = await fetch(url, { method: "POST", headers, body });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`mock answered ${response.status}`);
      latencies.push(performance.now() - started);
    }
  }
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  return {
    concurrency,
    requests,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    requestsPerSecond: requests / seconds,
  };
}

/** @param {{ requests1: number, requests32: number, warmup: number }} settings */
export async function benchMock({ requests1, requests32, warmup }) {
  const mock = await startMock();
  try {
    const url =
      mock.url +
      CREATE_IMAGE_PATH.replace("{project_id}", encodeURIComponent(projectId)).replace(
        "{id}",
        encodeURIComponent(instanceId),
      );
    await measure(url, 4, warmup);
    return { c1: await measure(url, 1, requests1), c32: await measure(url, 32, requests32) };
  } finally {
    await mock.close();
  }
}
