// startPostgres(): a real PostgreSQL server for tests, in a temporary directory, on a free port.
import { execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

const require = createRequire(import.meta.url);
const GUARD = require.resolve("./guard.cjs");
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

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * @param {PostgresOptions} [options]
 * @returns {Promise<PostgresServer>}
 */
export async function startPostgres(options = {}) {
  const bin = postgresBinDir();
  const user = serverUser();
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
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      try {
        return await launch({ bin, dir, data, port, user, options });
      } catch (error) {
        // Someone else can take the port between freePort() and postgres binding it: pick another.
        if (attempt >= 3 || !String(error).includes("could not bind")) throw error;
      }
    }
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
  const guard = spawn(process.execPath, [GUARD], {
    detached: true,
    stdio: ["pipe", "pipe", "pipe"],
    env: {
      ...process.env,
      NOTEBOOK_IMAGE_PG_GUARD: JSON.stringify({
        postgres: join(bin, "postgres"),
        args,
        dir,
        ...(user ?? {}),
      }),
    },
  });
  const exited = new Promise((resolve) => guard.once("exit", (code) => resolve(code)));
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
      // Once ready, the server must not keep this process alive on its own; the guard stops it when we exit.
      for (const handle of [guard, guard.stdin, guard.stdout, guard.stderr]) {
        /** @type {{ unref?: () => void }} */ (handle).unref?.();
      }
      const url = `postgres://${SUPERUSER}@${HOST}:${port}/postgres`;
      resolve({
        url,
        port,
        createDatabase: (name) => createDatabase(bin, port, name),
        close: () => close(guard, exited),
      });
    };
    createInterface({ input: guard.stdout }).on("line", onLine);
    createInterface({ input: guard.stderr }).on("line", onLine);
    const timer = setTimeout(() => {
      guard.kill("SIGTERM");
      reject(
        new Error(
          `PostgreSQL did not get ready on ${HOST}:${port} within ${STARTUP_TIMEOUT_MS} ms:\n${output}`,
        ),
      );
    }, STARTUP_TIMEOUT_MS);
    void exited.then(() => {
      if (ready) return;
      clearTimeout(timer);
      reject(new Error(`PostgreSQL could not start on ${HOST}:${port}:\n${output}`));
    });
  });
}

let databases = 0;
/**
 * @param {string} bin
 * @param {number} port
 * @param {string | undefined} name
 * @returns {Promise<string>}
 */
async function createDatabase(bin, port, name) {
  const database = name ?? `test_${process.pid}_${++databases}`;
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

/**
 * @param {import("node:child_process").ChildProcess} guard
 * @param {Promise<unknown>} exited
 */
async function close(guard, exited) {
  if (guard.exitCode === null && guard.signalCode === null) {
    guard.ref();
    guard.kill("SIGTERM");
    const timeout = setTimeout(() => guard.kill("SIGKILL"), CLOSE_TIMEOUT_MS);
    await exited;
    clearTimeout(timeout);
  }
}
