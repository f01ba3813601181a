// Mock: latency and throughput of the Prism mock (startMock on a free loopback port) for a valid
// create-image call, with 1 client and with 32 concurrent clients, a bounded number of requests.
import { startMock } from "@notebook-image/mock";
import { measureLoad } from "./load.mjs";
import { CREATE_IMAGE_PATH, instanceId, projectId, requestBody } from "./spec.mjs";

/**
 * @param {string} url
 * @param {number} concurrency
 * @param {number} requests
 */
function measure(url, concurrency, requests) {
  const init = {
    method: "POST",
    headers: { "content-type": "application/json", "x-auth-token": "bench-token" },
    body: JSON.stringify(requestBody),
  };
  return measureLoad(concurrency, requests, () => ({ url, init }));
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
