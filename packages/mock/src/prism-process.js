// Runs the Prism CLI in a child process on a free port and hands back its URL once it listens:
// the lifecycle shared by startMock() (`prism mock`) and startProxy() (`prism proxy`).
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { createInterface } from "node:readline";
import { freePort } from "./free-port.js";
import { listeningUrl, startupFailure } from "./prism-output.js";

const require = createRequire(import.meta.url);
const PRISM_CLI = require.resolve("@stoplight/prism-cli");
const EXIT_WITH_PARENT = require.resolve("./exit-with-parent.cjs");
const STARTUP_TIMEOUT_MS = 60_000;
const CLOSE_GRACE_MS = 5_000;
// Output kept to explain a failed start; Prism says why within its first few lines.
const STARTUP_OUTPUT_LIMIT = 64 * 1024;

/** @typedef {import("./index.js").MockServer} MockServer */
/** @typedef {import("node:child_process").ChildProcess} ChildProcess */
/**
 * @typedef {object} PrismRun
 * @property {"mock" | "proxy"} role what Prism runs as, for messages
 * @property {(spec: string) => string[]} command Prism's command line, from its command to before `--host`
 * @property {string} spec the OpenAPI document
 * @property {string | undefined} host
 * @property {number | undefined} port
 * @property {boolean | undefined} watch
 * @property {((line: string) => void) | undefined} log
 */

/** Prism processes still running, killed when this process exits without closing them. */
const running = new Set(/** @type {ChildProcess[]} */ ([]));
/** Private copies of the spec (see `snapshot`), removed on close or when this process exits. */
const snapshots = new Set(/** @type {string[]} */ ([]));
process.on("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
  for (const dir of snapshots) rmSync(dir, { recursive: true, force: true });
});

/**
 * Starts Prism as `run` says; resolves once it listens, rejects with Prism's own reason otherwise.
 * @param {PrismRun} run
 * @returns {Promise<MockServer>}
 */
export async function startPrism(run) {
  const host = run.host ?? "127.0.0.1";
  const copy = run.watch ? undefined : snapshot(run.spec);
  const spec = copy ? join(copy, basename(run.spec)) : run.spec;
  try {
    const server = await launchOnPort(run, spec, host, copy ? { NOTEBOOK_IMAGE_MOCK_SNAPSHOT: copy } : {});
    if (!copy) return server;
    return {
      ...server,
      close: async () => {
        await server.close();
        removeSnapshot(copy);
      },
    };
  } catch (error) {
    if (copy) removeSnapshot(copy);
    throw error;
  }
}

/**
 * Copies the spec into a private directory. Prism restarts (and refuses connections for a moment)
 * whenever the file it serves changes; tests must not see that when a spec build, such as `pnpm dev`
 * or a parallel `pnpm build`, rewrites spec/dist while they run.
 * @param {string} source
 * @returns {string} the directory holding the copy
 */
function snapshot(source) {
  const dir = mkdtempSync(join(tmpdir(), "notebook-image-mock-"));
  snapshots.add(dir);
  try {
    copyFileSync(source, join(dir, basename(source)));
  } catch (error) {
    removeSnapshot(dir);
    throw new Error(
      `Cannot read the OpenAPI document ${source}: ${error instanceof Error ? error.message : error}`,
    );
  }
  return dir;
}

/** @param {string} dir */
function removeSnapshot(dir) {
  rmSync(dir, { recursive: true, force: true });
  snapshots.delete(dir);
}

/**
 * @param {PrismRun} run
 * @param {string} spec
 * @param {string} host
 * @param {Record<string, string>} env added to Prism's environment
 * @returns {Promise<MockServer>}
 */
async function launchOnPort(run, spec, host, env) {
  if (run.port !== undefined && run.port !== 0) return launch(run, spec, host, run.port, env);
  // A port that we picked can be taken by someone else before Prism binds it: pick another.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(host);
    try {
      return await launch(run, spec, host, port, env);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes("EADDRINUSE")) throw error;
    }
  }
}

/**
 * @param {PrismRun} run
 * @param {string} spec
 * @param {string} host
 * @param {number} port
 * @param {Record<string, string>} env
 * @returns {Promise<MockServer>}
 */
function launch(run, spec, host, port, env) {
  const args = [
    "--require",
    EXIT_WITH_PARENT,
    PRISM_CLI,
    ...run.command(spec),
    "--host",
    host,
    "--port",
    String(port),
  ];
  // detached: Prism leads its own process group, so close() can end it and anything it forks at once.
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, ...env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  running.add(child);
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });

  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    let started = false;
    const fail = (/** @type {Error} */ error) => {
      clearTimeout(timer);
      killGroup(child, "SIGKILL");
      reject(error);
    };
    const timer = setTimeout(() => {
      fail(new Error(`Prism did not start listening on ${host}:${port} within ${STARTUP_TIMEOUT_MS} ms`));
    }, STARTUP_TIMEOUT_MS);
    timer.unref();

    // Prism's output is always read to the end, or it would block once the pipe buffer is full.
    createInterface({ input: child.stdout }).on("line", (line) => {
      run.log?.(line);
      if (started) return;
      if (stdout.length < STARTUP_OUTPUT_LIMIT) stdout += `${line}\n`;
      const url = listeningUrl(line);
      if (url === undefined) return;
      started = true;
      clearTimeout(timer);
      // Once listening, the mock must not keep its parent alive on its own: a script that forgets
      // close() still ends, and the exit handler above takes Prism down with it.
      holdParent(child, false);
      resolve({ url, port, pid: child.pid ?? 0, exited, close: () => close(child, exited) });
    });
    createInterface({ input: child.stderr }).on("line", (line) => {
      run.log?.(line);
      if (!started && stderr.length < STARTUP_OUTPUT_LIMIT) stderr += `${line}\n`;
    });
    child.once("error", (error) => fail(new Error(`Could not run Prism: ${error.message}`)));
    void exited.then(() => {
      if (started) return;
      fail(
        new Error(
          `Prism could not start the ${run.role} on ${host}:${port}: ${startupFailure(stdout, stderr)}`,
        ),
      );
    });
  });
}

/**
 * Ends Prism's process group: SIGTERM first, SIGKILL if it is still there after a grace period.
 * @param {ChildProcess} child
 * @param {Promise<unknown>} exited
 * @returns {Promise<void>}
 */
async function close(child, exited) {
  if (child.exitCode === null && child.signalCode === null) {
    holdParent(child, true);
    killGroup(child, "SIGTERM");
    const grace = setTimeout(() => killGroup(child, "SIGKILL"), CLOSE_GRACE_MS);
    await exited;
    clearTimeout(grace);
  }
  // Whatever Prism may have forked goes too, even after Prism itself has ended.
  killGroup(child, "SIGKILL");
}

/**
 * Whether the child (its process and pipes) keeps this process' event loop alive.
 * @param {ChildProcess} child
 * @param {boolean} hold
 */
function holdParent(child, hold) {
  for (const handle of [child, child.stdin, child.stdout, child.stderr]) {
    const refable = /** @type {{ ref?: () => void; unref?: () => void } | null} */ (handle);
    if (hold) refable?.ref?.();
    else refable?.unref?.();
  }
}

/**
 * @param {ChildProcess} child
 * @param {NodeJS.Signals} signal
 */
function killGroup(child, signal) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}
