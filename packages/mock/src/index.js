// startMock(): runs the Prism CLI on the bundled spec in a child process and hands back its URL.
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

/** @typedef {import("./index.js").MockOptions} MockOptions */
/** @typedef {import("./index.js").MockServer} MockServer */
/** @typedef {import("node:child_process").ChildProcess} ChildProcess */

/** Prism processes still running, killed when this process exits without closing them. */
const running = new Set(/** @type {ChildProcess[]} */ ([]));
/** Private copies of the spec (see `snapshot`), removed on close or when this process exits. */
const snapshots = new Set(/** @type {string[]} */ ([]));
process.on("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
  for (const dir of snapshots) rmSync(dir, { recursive: true, force: true });
});

/**
 * Path of the bundled spec (spec/dist/openapi.yaml), resolved through the @notebook-image/spec package.
 * @returns {string}
 */
export function bundledSpecPath() {
  try {
    return require.resolve("@notebook-image/spec/openapi.yaml");
  } catch {
    throw new Error(
      "spec/dist/openapi.yaml does not exist yet: build the spec first (pnpm --filter @notebook-image/spec build)",
    );
  }
}

/**
 * @param {MockOptions} [options]
 * @returns {Promise<MockServer>}
 */
export async function startMock(options = {}) {
  const host = options.host ?? "127.0.0.1";
  const source = options.spec ?? bundledSpecPath();
  const copy = options.watch ? undefined : snapshot(source);
  const spec = copy ? join(copy, basename(source)) : source;
  try {
    const mock = await launchOnPort(spec, host, options, copy ? { NOTEBOOK_IMAGE_MOCK_SNAPSHOT: copy } : {});
    if (!copy) return mock;
    return {
      ...mock,
      close: async () => {
        await mock.close();
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
 * @param {string} spec
 * @param {string} host
 * @param {MockOptions} options
 * @param {Record<string, string>} env added to Prism's environment
 * @returns {Promise<MockServer>}
 */
async function launchOnPort(spec, host, options, env) {
  if (options.port !== undefined && options.port !== 0) return launch(spec, host, options.port, options, env);
  // A port that we picked can be taken by someone else before Prism binds it: pick another.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(host);
    try {
      return await launch(spec, host, port, options, env);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes("EADDRINUSE")) throw error;
    }
  }
}

/**
 * @param {string} spec
 * @param {string} host
 * @param {number} port
 * @param {MockOptions} options
 * @param {Record<string, string>} env
 * @returns {Promise<MockServer>}
 */
function launch(spec, host, port, options, env) {
  const args = [
    "--require",
    EXIT_WITH_PARENT,
    PRISM_CLI,
    "mock",
    spec,
    "--host",
    host,
    "--port",
    String(port),
  ];
  if (options.errors) args.push("--errors");
  if (options.dynamic) args.push("--dynamic");
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
      options.log?.(line);
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
      options.log?.(line);
      if (!started && stderr.length < STARTUP_OUTPUT_LIMIT) stderr += `${line}\n`;
    });
    child.once("error", (error) => fail(new Error(`Could not run Prism: ${error.message}`)));
    void exited.then(() => {
      if (started) return;
      fail(new Error(`Prism could not start the mock on ${host}:${port}: ${startupFailure(stdout, stderr)}`));
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
