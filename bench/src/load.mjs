// One load loop for every HTTP benchmark: `concurrency` clients share `requests` requests, each
// read to its end; anything but a 200 ends the run.
import { quantile } from "./stats.mjs";

/**
 * Runs `requests` requests from `concurrency` clients; request(i) gives the i-th one.
 * @param {number} concurrency
 * @param {number} requests
 * @param {(i: number) => { url: string, init: RequestInit }} request
 */
export async function measureLoad(concurrency, requests, request) {
  /** @type {number[]} */
  const latencies = [];
  let issued = 0;
  async function client() {
    while (issued < requests) {
      const { url, init } = request(issued++);
      const started = performance.now();
      const response = await fetch(url, init);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${init.method} ${url} answered ${response.status}`);
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
