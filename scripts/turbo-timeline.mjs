// Where a turbo run's time went, from its run summary (`turbo run … --summarize`, which .ci/run
// passes): every task with its start, end and length; how long 0, 1, 2… tasks ran at once (with
// --concurrency=N, fewer than N means a lane waited for a dependency); and the critical path, the
// chain from the task that ended last back through the dependency each one waited for (shortening a
// task off that chain does not end the run sooner).
// Usage: node scripts/turbo-timeline.mjs [summary.json]   (default: the newest of .turbo/runs/)
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * @typedef {{ id: string, start: number, end: number, cached: boolean, dependencies: string[] }} Task
 *   times in seconds from the run's start
 */

/**
 * The tasks of a run summary that ran or were restored, by start.
 * @param {{ execution: { startTime: number }, tasks: { taskId: string, dependencies?: string[],
 *   cache?: { status?: string }, execution?: { startTime: number, endTime: number } }[] }} summary
 * @returns {Task[]}
 */
export function tasksOf(summary) {
  const origin = summary.execution.startTime;
  /** @type {Task[]} */
  const tasks = [];
  for (const task of summary.tasks) {
    if (!task.execution) continue;
    tasks.push({
      id: task.taskId,
      start: (task.execution.startTime - origin) / 1000,
      end: (task.execution.endTime - origin) / 1000,
      cached: task.cache?.status === "HIT",
      dependencies: task.dependencies ?? [],
    });
  }
  return tasks.sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
}

/**
 * For each number of tasks running at once, the seconds of the run spent so (whole seconds, a
 * task counting in every second it overlaps).
 * @param {Task[]} tasks
 * @returns {number[]} index n: the seconds with n tasks running
 */
export function secondsByConcurrency(tasks) {
  const span = Math.ceil(Math.max(0, ...tasks.map((t) => t.end)));
  const running = new Array(span).fill(0);
  for (const task of tasks) {
    for (let second = Math.floor(task.start); second < Math.ceil(task.end); second++) running[second]++;
  }
  const seconds = new Array(Math.max(0, ...running) + 1).fill(0);
  for (const count of running) seconds[count]++;
  return seconds;
}

/**
 * The chain of tasks the run's end waited on: the task that ended last, then the dependency of it
 * that ended last, and so on back to a task without dependencies.
 * @param {Task[]} tasks
 * @returns {Task[]} first to last
 */
export function criticalPath(tasks) {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  /** @type {(list: Task[]) => Task | undefined} */
  const lastToEnd = (list) =>
    list.reduce(
      (/** @type {Task | undefined} */ a, b) => (a === undefined || b.end > a.end ? b : a),
      undefined,
    );
  const chain = [];
  let task = lastToEnd(tasks);
  while (task) {
    chain.unshift(task);
    const dependencies = task.dependencies.flatMap((id) => byId.get(id) ?? []);
    task = dependencies.length > 0 ? lastToEnd(dependencies) : undefined;
  }
  return chain;
}

/**
 * The report, as lines.
 * @param {Task[]} tasks
 * @returns {string[]}
 */
export function report(tasks) {
  const seconds = (/** @type {number} */ s) => s.toFixed(1).padStart(6);
  const task = (/** @type {Task} */ t) =>
    `${seconds(t.start)} → ${seconds(t.end)} ${seconds(t.end - t.start)} s  ${t.id}${t.cached ? " (cached)" : ""}`;
  const lines = tasks.map(task);
  const atOnce = secondsByConcurrency(tasks)
    .map((s, n) => `${n} at once ${s} s`)
    .join(", ");
  lines.push(`tasks running: ${atOnce}`);
  lines.push(
    "critical path (the task that ended last, back through the dependency each one waited for; " +
      "'waited' is the time from that dependency's end to the task's start, queued for a free lane):",
  );
  let dependencyEnd = 0;
  for (const t of criticalPath(tasks)) {
    lines.push(`${task(t)}, waited ${(t.start - dependencyEnd).toFixed(1)} s`);
    dependencyEnd = t.end;
  }
  return lines;
}

/** The newest run summary turbo wrote in the repository. */
function newestSummary() {
  const dir = fileURLToPath(new URL("../.turbo/runs/", import.meta.url));
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => join(dir, f));
  if (files.length === 0) throw new Error(`no run summary in ${dir}: run turbo with --summarize`);
  return files.reduce((a, b) => (statSync(b).mtimeMs > statSync(a).mtimeMs ? b : a));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2] ?? newestSummary();
  console.log(`turbo timeline of ${file}`);
  for (const line of report(tasksOf(JSON.parse(readFileSync(file, "utf8"))))) console.log(line);
}
