// The timeline of a turbo run summary: tasks from the run's start, time by number of tasks at
// once, and the critical path back through the dependencies (a summary shaped as turbo 2 writes it).
import { describe, expect, it } from "vitest";
import { criticalPath, report, secondsByConcurrency, tasksOf } from "./turbo-timeline.mjs";

const T0 = 1_796_000_000_000;
/** @param {string} taskId @param {number} start @param {number} end @param {string[]} dependencies */
const task = (taskId, start, end, dependencies = [], status = "MISS") => ({
  taskId,
  dependencies,
  cache: { status },
  execution: { startTime: T0 + start * 1000, endTime: T0 + end * 1000, exitCode: 0 },
});
// Two lanes: spec#build, then client#build and (queued for a lane) server#build, then server#test
// (the last to end, after server#build) while docs#test runs beside it; a cached lint.
const SUMMARY = {
  execution: { startTime: T0 },
  tasks: [
    task("server#test", 10, 40, ["server#build", "client#build"]),
    task("spec#build", 0, 2),
    task("client#build", 2, 6, ["spec#build"]),
    task("docs#test", 6, 30, ["client#build"]),
    task("server#build", 4, 10, ["spec#build"]),
    task("spec#lint", 0, 0.05, [], "HIT"),
    { taskId: "web#test", dependencies: [], cache: { status: "MISS" } },
  ],
};

describe("turbo-timeline", () => {
  it("reads the tasks that ran, in seconds from the run's start, by start", () => {
    const tasks = tasksOf(SUMMARY);
    expect(tasks.map((t) => [t.id, t.start, t.end, t.cached])).toEqual([
      ["spec#build", 0, 2, false],
      ["spec#lint", 0, 0.05, true],
      ["client#build", 2, 6, false],
      ["server#build", 4, 10, false],
      ["docs#test", 6, 30, false],
      ["server#test", 10, 40, false],
    ]);
  });

  it("counts the seconds spent with 0, 1, 2… tasks running", () => {
    // Alone: second 1 (spec#build), 2-4 (client#build), 30-40 (server#test). Two at once: second 0
    // (spec#build and the lint), 4-6, 6-10 and 10-30.
    expect(secondsByConcurrency(tasksOf(SUMMARY))).toEqual([0, 13, 27]);
  });

  it("follows the last task back through the dependency that ended last", () => {
    expect(criticalPath(tasksOf(SUMMARY)).map((t) => t.id)).toEqual([
      "spec#build",
      "server#build",
      "server#test",
    ]);
  });

  it("reports each task, the time by tasks at once and the waits on the critical path", () => {
    const lines = report(tasksOf(SUMMARY));
    expect(lines).toContain("   0.0 →    0.1    0.1 s  spec#lint (cached)");
    expect(lines).toContain("tasks running: 0 at once 0 s, 1 at once 13 s, 2 at once 27 s");
    expect(lines.slice(-3)).toEqual([
      "   0.0 →    2.0    2.0 s  spec#build, waited 0.0 s",
      "   4.0 →   10.0    6.0 s  server#build, waited 2.0 s",
      "  10.0 →   40.0   30.0 s  server#test, waited 0.0 s",
    ]);
  });
});
