// The server's start-up: spawn of its bin to its first HTTP answer, on an empty PGlite data dir (the
// template copied, the migrations run) and again on the dir that start left. Part of the server
// benchmark, and a part of its own (BENCH_ONLY=start) to measure start-up without the minutes of load.
import { mkdtempSync, rmSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import { startServerProcess } from "./server-process.mjs";
import { median } from "./stats.mjs";

/**
 * @typedef {{ emptyMs: number, existingMs: number, empty: number[], existing: number[],
 *   loadAverage: { atStart: number[], atEnd: number[] } }} StartResult
 */

/** `starts` times: a new data dir, started twice (empty, then as it was left). @param {number} starts @returns {Promise<StartResult>} */
export async function measureStarts(starts) {
  const atStart = os.loadavg();
  const empty = [];
  const existing = [];
  for (let i = 0; i < starts; i++) {
    const dir = mkdtempSync(join(tmpdir(), "notebook-image-bench-start-"));
    try {
      const first = await startServerProcess(["--data-dir", dir]);
      empty.push(first.firstAnswerMs);
      await first.stop();
      const again = await startServerProcess(["--data-dir", dir]);
      existing.push(again.firstAnswerMs);
      await again.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    emptyMs: median(empty),
    existingMs: median(existing),
    empty,
    existing,
    loadAverage: { atStart, atEnd: os.loadavg() },
  };
}
