// Started by startProcess() beside each child, with a pipe from the parent on standard input. When
// the pipe closes (the parent ended, however it ended), it stops the child's process group as
// stop() would (the stop signal, SIGKILL after the time limit), removes the paths the parent would
// have removed, and exits. The parent SIGKILLs it once the child has ended normally.
import fs = require("node:fs");

interface WatchdogConfig {
  group: number;
  stopSignal: NodeJS.Signals;
  stopTimeoutMs: number;
  removeAfterExit: string[];
}

const POLL_MS = 50;
// After SIGKILL the kernel ends the group at once; this only bounds the wait for it to be reaped.
const AFTER_KILL_LIMIT_MS = 5_000;

const config = JSON.parse(process.env.NOTEBOOK_IMAGE_WATCHDOG ?? "") as WatchdogConfig;

function signalGroup(signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-config.group, signal);
    return true;
  } catch {
    return false; // ESRCH: no process of the group is left.
  }
}

async function waitForGroupEnd(limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (signalGroup(0)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return true;
}

let stopping = false;
async function stopGroup(): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (signalGroup(config.stopSignal) && !(await waitForGroupEnd(config.stopTimeoutMs))) {
    signalGroup("SIGKILL");
    await waitForGroupEnd(AFTER_KILL_LIMIT_MS);
  }
  for (const path of config.removeAfterExit) fs.rmSync(path, { recursive: true, force: true });
  process.exit(0);
}

process.stdin.on("end", stopGroup);
process.stdin.on("error", stopGroup);
process.stdin.resume();
