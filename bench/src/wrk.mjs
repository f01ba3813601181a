// The load generator of the server benchmarks: wrk (Debian's package; scripts/bootstrap.sh
// installs it), one thread, as many connections as clients, for a given number of seconds. A load
// generator in C leaves the CPU to the servers measured, where a Node client on this 2-core machine
// would take a core of its own and cap every figure near its own limit. Requests come from a list,
// in order and round again; "{n}" in a body is made unique per request (see wrk.lua).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const SCRIPT = fileURLToPath(new URL("./wrk.lua", import.meta.url));
/** wrk's own limit on one request: past it, the request counts as failed. */
const REQUEST_TIMEOUT_S = 10;
/** What wrk may take beyond its duration (starting, the last answers) before it is stopped. */
const GRACE_MS = 30_000;

/** @typedef {{ method: string, path: string, body?: unknown }} LoadRequest */
/** @typedef {{ concurrency: number, requests: number, seconds: number, requestsPerSecond: number, p50Ms: number, p99Ms: number, maxMs: number }} LoadResult */

let runs = 0;

/**
 * Sends `requests` round and round from `concurrency` connections for `seconds`; rejects when any
 * answer is 4xx/5xx or a connection failed.
 * @param {{ url: string, token: string, concurrency: number, seconds: number, requests: readonly LoadRequest[] }} load
 * @returns {Promise<LoadResult>}
 */
export async function runWrk({ url, token, concurrency, seconds, requests }) {
  const dir = mkdtempSync(join(tmpdir(), "notebook-image-wrk-"));
  try {
    const list = join(dir, "requests.tsv");
    writeFileSync(
      list,
      requests
        .map((r) => `${r.method}\t${r.path}\t${r.body === undefined ? "" : JSON.stringify(r.body)}`)
        .join("\n"),
    );
    const run = `r${process.pid}x${++runs}`;
    const args = [
      "-t1",
      `-c${concurrency}`,
      `-d${seconds}s`,
      "--timeout",
      `${REQUEST_TIMEOUT_S}s`,
      "-s",
      SCRIPT,
      url,
      "--",
      list,
      run,
      token,
    ];
    const { stdout } = await promisify(execFile)("wrk", args, {
      maxBuffer: 1 << 20,
      timeout: seconds * 1000 + GRACE_MS,
    });
    const line = stdout.split("\n").find((l) => l.startsWith("{"));
    if (!line) throw new Error(`wrk printed no summary:\n${stdout}`);
    const s = JSON.parse(line);
    const failed = s.connectErrors + s.readErrors + s.writeErrors + s.statusErrors + s.timeouts;
    if (failed > 0) throw new Error(`wrk on ${url}: ${failed} of ${s.requests} requests failed: ${line}`);
    const elapsed = s.durationUs / 1e6;
    return {
      concurrency,
      requests: s.requests,
      seconds: elapsed,
      requestsPerSecond: s.requests / elapsed,
      p50Ms: s.p50Us / 1000,
      p99Ms: s.p99Us / 1000,
      maxMs: s.maxUs / 1000,
    };
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === "ENOENT") {
      throw new Error("wrk is not installed (scripts/bootstrap.sh installs it: apt-get install wrk)");
    }
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
