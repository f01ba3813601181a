import { describe, expect, it } from "vitest";
import { createRequestLog, type RequestLogEntry } from "./request-log.js";

const entry = (n: number): RequestLogEntry => ({
  id: `r${n}`,
  method: "GET",
  path: `/p/${n}`,
  status: 200,
  durationMs: 1,
  at: n,
});

describe("createRequestLog", () => {
  it("lists the newest first, and only as many as asked", () => {
    const log = createRequestLog(5);
    for (const n of [1, 2, 3]) log.record(entry(n));
    expect(log.list().map((e) => e.id)).toEqual(["r3", "r2", "r1"]);
    expect(log.list(2).map((e) => e.id)).toEqual(["r3", "r2"]);
  });

  it("keeps its capacity, forgetting the oldest", () => {
    const log = createRequestLog(3);
    for (let n = 1; n <= 8; n++) log.record(entry(n));
    expect(log.list().map((e) => e.id)).toEqual(["r8", "r7", "r6"]);
    expect(log.list(10)).toHaveLength(3);
  });
});
