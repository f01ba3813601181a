// The limits of the server's stack, measured in the same run as the server: a bare fastify route
// (stack-limit-server.mjs, a child process) doing 1 INSERT + 1 SELECT per request on PGlite (a data
// dir) and on PostgreSQL; the same with the writes of one event-loop turn as one multi-row INSERT;
// and reads from an in-process Map. At 32 clients, with the same load generator as the server.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startNodeServer } from "./server-process.mjs";
import { referenceImage, requestBody } from "./spec.mjs";
import { runWrk } from "./wrk.mjs";

const SCRIPT = fileURLToPath(new URL("./stack-limit-server.mjs", import.meta.url));
const CLIENTS = 32;
const WRITE = [{ method: "POST", path: "/items", body: { ...requestBody, id: "{n}" } }];

/**
 * Starts a bare server, warms it up, then measures `requests` round and round.
 * @param {readonly string[]} args
 * @param {readonly import("./wrk.mjs").LoadRequest[]} requests
 * @param {{ seconds: number, warmupSeconds: number }} timing
 * @param {(url: string) => Promise<void>} [prepare]
 */
async function measure(args, requests, { seconds, warmupSeconds }, prepare) {
  const server = await startNodeServer(SCRIPT, args, "/health");
  try {
    await prepare?.(server.url);
    const load = { url: server.url, token: "", requests };
    await runWrk({ ...load, concurrency: 4, seconds: warmupSeconds });
    return await runWrk({ ...load, concurrency: CLIENTS, seconds });
  } finally {
    await server.stop();
  }
}

/**
 * @param {{ seconds: number, warmupSeconds: number, databaseUrl: () => Promise<string> }} settings
 *   `databaseUrl` gives an empty PostgreSQL database per measurement.
 */
export async function benchStackLimits({ databaseUrl, ...timing }) {
  const dirs = /** @type {string[]} */ ([]);
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "notebook-image-bench-limit-"));
    dirs.push(dir);
    return dir;
  };
  const addShown = async (/** @type {string} */ url) => {
    const response = await fetch(`${url}/items`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...referenceImage, id: "shown" }),
    });
    if (response.status !== 200) throw new Error(`the map server answered ${response.status}`);
  };
  try {
    return {
      mapRead: await measure(["--route", "map"], [{ method: "GET", path: "/items/shown" }], timing, addShown),
      pglite: {
        each: await measure(["--route", "each", "--data-dir", dataDir()], WRITE, timing),
        turn: await measure(["--route", "turn", "--data-dir", dataDir()], WRITE, timing),
      },
      postgres: {
        each: await measure(["--route", "each", "--database-url", await databaseUrl()], WRITE, timing),
        turn: await measure(["--route", "turn", "--database-url", await databaseUrl()], WRITE, timing),
      },
    };
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}
