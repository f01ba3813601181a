import { execFile } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { promisify } from "node:util";
import { engineRequest } from "./engine-api.js";
import { findProgram } from "./tools.js";

const run = promisify(execFile);
const CONMON_WAIT_MS = 20_000;

/** Force-removes every container of the podman service on `socketPath` (stopping the running ones). */
export async function removeAllContainers(socketPath: string): Promise<void> {
  const list = await engineRequest(socketPath, "GET", "/containers/json?all=true");
  const containers = JSON.parse(list.body || "[]") as { Id: string }[];
  await Promise.all(
    containers.map((container) =>
      engineRequest(socketPath, "DELETE", `/containers/${container.Id}?force=true&v=true`),
    ),
  );
}

/**
 * Processes whose command line names `dir`: conmon (its bundle and exit directories are there) and
 * the `podman container cleanup` it runs when a container or exec session ends. They outlive the
 * podman service by design; removing the storage under them would leave mounts and errors behind.
 */
export function processesUsing(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) continue; // ended, not yet reaped
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmdline.includes(dir)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Waits (bounded) for the processes using `dir` to end; kills those still there at the limit. */
export async function waitForProcessesUsing(dir: string, timeoutMs = CONMON_WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (processesUsing(dir).length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const pid of processesUsing(dir)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** Mount points at or under `dir` (overlay layers, container shm), deepest first. */
export function mountsUnder(dir: string): string[] {
  const points = readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((line) => line.split(" ")[4])
    .filter((point): point is string => point !== undefined)
    .map((point) =>
      point.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8))),
    )
    .filter((point) => point === dir || point.startsWith(`${dir}/`));
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

/** Unmounts what is mounted under `dir`, then removes it. */
export async function removeHostDirectory(dir: string): Promise<void> {
  const umount = findProgram("umount") ?? "umount";
  for (const point of mountsUnder(dir)) {
    await run(umount, [point]).catch(() => run(umount, ["--lazy", point]).catch(() => undefined));
  }
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
