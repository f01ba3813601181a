// startPostgres(): a real PostgreSQL server for tests, in a temporary directory, on a free port.
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { startProcess } from "@notebook-image/devkit";
import getPort from "get-port";

const STARTUP_TIMEOUT_MS = 60_000;
const CLOSE_TIMEOUT_MS = 15_000;
const HOST = "127.0.0.1";
const SUPERUSER = "postgres";
// Kept to explain a failed start; PostgreSQL says why within its first lines.
const OUTPUT_LIMIT = 32 * 1024;

/** @typedef {import("./index.js").PostgresOptions} PostgresOptions */
/** @typedef {import("./index.js").PostgresServer} PostgresServer */

/**
 * The directory of Debian's PostgreSQL server programs (newest version first), or $PG_BIN.
 * @returns {string}
 */
export function postgresBinDir() {
  const fromEnv = process.env.PG_BIN;
  const candidates = fromEnv
    ? [fromEnv]
    : existsSync("/usr/lib/postgresql")
      ? readdirSync("/usr/lib/postgresql")
          .filter((version) => /^\d+$/.test(version))
          .sort((a, b) => Number(b) - Number(a))
          .map((version) => `/usr/lib/postgresql/${version}/bin`)
      : [];
  const found = candidates.find(
    (dir) => existsSync(join(dir, "postgres")) && existsSync(join(dir, "initdb")),
  );
  if (found) return found;
  throw new Error(
    `PostgreSQL server programs not found (looked in ${candidates.join(", ") || "/usr/lib/postgresql/*/bin"}): ` +
      "run scripts/bootstrap.sh, which installs Debian's postgresql, or set PG_BIN to the directory holding postgres and initdb",
  );
}

/**
 * PostgreSQL refuses to run as root: then the server runs as the system's postgres user.
 * @returns {{ uid: number, gid: number } | undefined}
 */
function serverUser() {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (/** @type {string} */ flag) =>
      Number(execFileSync("id", [flag, SUPERUSER], { encoding: "utf8" }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    throw new Error(
      "running as root, and PostgreSQL refuses root, but there is no 'postgres' user to run it as: install Debian's postgresql (scripts/bootstrap.sh)",
    );
  }
}

/**
 * @param {PostgresOptions} [options]
 * @returns {Promise<PostgresServer>}
 */
export async function startPostgres(options = {}) {
  const bin = postgresBinDir();
  const user = serverUser();
  for (let attempt = 1; ; attempt++) {
    try {
      return await startCluster(bin, user, options);
    } catch (error) {
      // Someone else can take the port between getPort() and postgres binding it: start over on
      // another (the failed server's directory went with it).
      if (attempt >= 3 || !String(error).includes("could not bind")) throw error;
    }
  }
}

/**
 * A new cluster in a new temporary directory, on a port free right now.
 * @param {string} bin
 * @param {{ uid: number, gid: number } | undefined} user
 * @param {PostgresOptions} options
 * @returns {Promise<PostgresServer>}
 */
async function startCluster(bin, user, options) {
  const dir = mkdtempSync(join(tmpdir(), "notebook-image-pg-"));
  try {
    if (user) chownSync(dir, user.uid, user.gid);
    const data = join(dir, "data");
    try {
      // --no-sync and trust auth: a throwaway cluster, reachable only on loopback.
      execFileSync(
        join(bin, "initdb"),
        ["-D", data, "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
        { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", ...(user ?? {}) },
      );
    } catch (error) {
      const stderr = /** @type {{ stderr?: string }} */ (error).stderr ?? String(error);
      throw new Error(`initdb failed in ${data}: ${stderr.trim()}`);
    }
    const port = await getPort({ host: HOST });
    return await launch({ bin, dir, data, port, user, options });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * @param {{ bin: string, dir: string, data: string, port: number, user: { uid: number, gid: number } | undefined, options: PostgresOptions }} input
 * @returns {Promise<PostgresServer>}
 */
function launch({ bin, dir, data, port, user, options }) {
  const args = [
    "-D",
    data,
    "-p",
    String(port),
    "-h",
    HOST,
    "-k",
    dir,
    // Durability is not what these tests are about; speed is.
    "-c",
    "fsync=off",
    "-c",
    "synchronous_commit=off",
    "-c",
    "full_page_writes=off",
    "-c",
    `max_connections=${options.maxConnections ?? 200}`,
  ];
  // SIGINT is PostgreSQL's fast shutdown: open sessions are cut, nothing is written for recovery.
  // Its directory goes with it, on close() or when this process dies.
  const postgres = startProcess(join(bin, "postgres"), args, {
    ...(user ?? {}),
    stopSignal: "SIGINT",
    stopTimeoutMs: CLOSE_TIMEOUT_MS,
    removeAfterExit: [dir],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    let ready = false;
    const onLine = (/** @type {string} */ line) => {
      options.log?.(line);
      if (ready) return;
      if (output.length < OUTPUT_LIMIT) output += `${line}\n`;
      if (!line.includes("database system is ready to accept connections")) return;
      ready = true;
      clearTimeout(timer);
      // Once ready, the server must not keep this process alive on its own.
      postgres.holdParent(false);
      const url = `postgres://${SUPERUSER}@${HOST}:${port}/postgres`;
      resolve({
        url,
        port,
        createDatabase: (name) => createDatabaseAt(bin, port, name),
        close: () => postgres.stop(),
      });
    };
    if (postgres.child.stdout) createInterface({ input: postgres.child.stdout }).on("line", onLine);
    if (postgres.child.stderr) createInterface({ input: postgres.child.stderr }).on("line", onLine);
    postgres.child.once("error", (error) => {
      output += `cannot run ${join(bin, "postgres")}: ${error.message}\n`;
    });
    const timer = setTimeout(() => {
      void postgres.stop();
      reject(
        new Error(
          `PostgreSQL did not get ready on ${HOST}:${port} within ${STARTUP_TIMEOUT_MS} ms:\n${output}`,
        ),
      );
    }, STARTUP_TIMEOUT_MS);
    void postgres.exited.then(() => {
      if (ready) return;
      clearTimeout(timer);
      reject(new Error(`PostgreSQL could not start on ${HOST}:${port}:\n${output}`));
    });
  });
}

/**
 * @param {string} serverUrl
 * @param {string} [name]
 * @returns {Promise<string>}
 */
export async function createDatabase(serverUrl, name) {
  const { hostname, port } = new URL(serverUrl);
  if (hostname !== HOST || port === "") {
    throw new Error(`createDatabase: ${serverUrl} is not the URL of a server startPostgres() started`);
  }
  return createDatabaseAt(postgresBinDir(), Number(port), name);
}

/**
 * @param {string} bin
 * @param {number} port
 * @param {string | undefined} name
 * @returns {Promise<string>}
 */
async function createDatabaseAt(bin, port, name) {
  // Unique across processes and module instances: a test runner that loads this module again (vitest's
  // resetModules) in a process that made databases on the same server must not repeat a name.
  const database = name ?? `test_${randomUUID().replaceAll("-", "")}`;
  await new Promise((resolve, reject) => {
    const child = spawn(join(bin, "createdb"), ["-h", HOST, "-p", String(port), "-U", SUPERUSER, database], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve(undefined) : reject(new Error(`createdb ${database} failed: ${stderr.trim()}`)),
    );
  });
  return `postgres://${SUPERUSER}@${HOST}:${port}/${database}`;
}
