// Runs beside one throwaway PostgreSQL server and owns its lifetime: started by startPostgres() with
// a pipe on standard input, it stops the server and removes its directory when that pipe closes —
// that is, when the test process that started it ends, however it ended (even SIGKILL, which runs no
// exit handler) — or when it is sent SIGTERM or SIGINT. So no test run leaves a postgres behind.
const { spawn } = require("node:child_process");
const { rmSync } = require("node:fs");

const config = JSON.parse(process.env.NOTEBOOK_IMAGE_PG_GUARD ?? "{}");
const SHUTDOWN_GRACE_MS = 10_000;

const postgres = spawn(config.postgres, config.args, {
  stdio: ["ignore", "inherit", "inherit"],
  ...(config.uid === undefined ? {} : { uid: config.uid, gid: config.gid }),
});
postgres.once("error", (error) => {
  process.stderr.write(`guard: cannot run ${config.postgres}: ${error.message}\n`);
  finish(1);
});
postgres.once("exit", (code, signal) => {
  if (!stopping) process.stderr.write(`guard: postgres exited on its own (code ${code}, signal ${signal})\n`);
  finish(stopping ? 0 : 1);
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  // SIGINT is PostgreSQL's fast shutdown: open sessions are cut, nothing is written for recovery.
  if (postgres.exitCode === null && postgres.signalCode === null) postgres.kill("SIGINT");
  setTimeout(() => postgres.kill("SIGKILL"), SHUTDOWN_GRACE_MS).unref();
}

/** @param {number} code */
function finish(code) {
  rmSync(config.dir, { recursive: true, force: true });
  process.exit(code);
}

process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.stdin.resume();
