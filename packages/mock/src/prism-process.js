// Runs the Prism CLI in a child process on a free port and hands back its URL once it listens:
// the lifecycle shared by startMock() (`prism mock`) and startProxy() (`prism proxy`).
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { createInterface } from "node:readline";
import getPort from "get-port";
// @notebook-image/devkit's process lifecycle, copied in by this package's build (scripts/copy-devkit.mjs):
// the devkit is private, and this package is published.
import { startProcess } from "./generated/devkit/index.js";
import { listeningUrl, startupFailure } from "./prism-output.js";

const require = createRequire(import.meta.url);
const PRISM_CLI = require.resolve("@stoplight/prism-cli");
const STARTUP_TIMEOUT_MS = 60_000;
const CLOSE_TIMEOUT_MS = 5_000;
// Output kept to explain a failed start; Prism says why within its first few lines.
const STARTUP_OUTPUT_LIMIT = 64 * 1024;

/** @typedef {import("./index.js").MockServer} MockServer */
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

/**
 * Starts Prism as `run` says; resolves once it listens, rejects with Prism's own reason otherwise.
 * @param {PrismRun} run
 * @returns {Promise<MockServer>}
 */
export async function startPrism(run) {
  const host = run.host ?? "127.0.0.1";
  if (run.port !== undefined && run.port !== 0) return launch(run, host, run.port);
  // A port that we picked can be taken by someone else before Prism binds it: pick another. We pick
  // it instead of giving Prism port 0 because Prism re-listens on the same port option whenever the
  // spec file changes: with 0 it would move to a new port and the URL handed to tests would go stale.
  for (let attempt = 1; ; attempt++) {
    const port = await getPort({ host });
    try {
      return await launch(run, host, port);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes("EADDRINUSE")) throw error;
    }
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
  try {
    copyFileSync(source, join(dir, basename(source)));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `Cannot read the OpenAPI document ${source}: ${error instanceof Error ? error.message : error}`,
    );
  }
  return dir;
}

/**
 * @param {PrismRun} run
 * @param {string} host
 * @param {number} port
 * @returns {Promise<MockServer>}
 */
function launch(run, host, port) {
  // The private copy (see `snapshot`) goes with the Prism process that serves it, however it ends.
  const copy = run.watch ? undefined : snapshot(run.spec);
  const spec = copy ? join(copy, basename(run.spec)) : run.spec;
  const prism = startProcess(
    process.execPath,
    [PRISM_CLI, ...run.command(spec), "--host", host, "--port", String(port)],
    {
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
      stopTimeoutMs: CLOSE_TIMEOUT_MS,
      removeAfterExit: copy ? [copy] : [],
    },
  );
  const { child, exited } = prism;

  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    let started = false;
    const fail = (/** @type {Error} */ error) => {
      clearTimeout(timer);
      void prism.stop();
      reject(error);
    };
    const timer = setTimeout(() => {
      fail(new Error(`Prism did not start listening on ${host}:${port} within ${STARTUP_TIMEOUT_MS} ms`));
    }, STARTUP_TIMEOUT_MS);
    timer.unref();

    // Prism's output is always read to the end, or it would block once the pipe buffer is full.
    if (child.stdout) {
      createInterface({ input: child.stdout }).on("line", (line) => {
        run.log?.(line);
        if (started) return;
        if (stdout.length < STARTUP_OUTPUT_LIMIT) stdout += `${line}\n`;
        const url = listeningUrl(line);
        if (url === undefined) return;
        started = true;
        clearTimeout(timer);
        // Once listening, the mock must not keep its parent alive on its own: a script that forgets
        // close() still ends, and the devkit's watchdog takes Prism down with it.
        prism.holdParent(false);
        const close = async () => {
          prism.holdParent(true);
          await prism.stop();
        };
        resolve({ url, port, pid: prism.pid, exited, close });
      });
    }
    if (child.stderr) {
      createInterface({ input: child.stderr }).on("line", (line) => {
        run.log?.(line);
        if (!started && stderr.length < STARTUP_OUTPUT_LIMIT) stderr += `${line}\n`;
      });
    }
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
