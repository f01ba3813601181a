// The stateful server (@notebook-image/server, its bin in a child process) on PGlite (a data dir)
// and on PostgreSQL (--database-url), beside Prism (startMock, a child process) and the limits of
// the server's own stack (stack-limits.mjs), all in one run: create-image and ShowImage at 1 and 32
// clients, save to ACTIVE, ShowImage while a backlog of saves comes due, start-up, resident size.
import { mkdtempSync, rmSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import { startMock } from "@notebook-image/mock";
import { createControlClient, DEV_PROJECT_ID } from "@notebook-image/server";
import { startPostgres } from "@notebook-image/test-postgres";
import { startServerProcess } from "./server-process.mjs";
import {
  addNotebooks,
  call,
  prismCreates,
  prismShows,
  serverCreates,
  serverShows,
  TOKEN,
} from "./server-requests.mjs";
import { fillImages, saveToActive, showWhileSaving } from "./server-saves.mjs";
import { measureStarts } from "./server-start.mjs";
import { measureThroughput } from "./server-throughput.mjs";
import { benchStackLimits } from "./stack-limits.mjs";

/** Resident size is read this long after the last request, once the server has settled. */
const SETTLE_MS = 2_000;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
/** @param {string} text */
const progress = (text) => process.stderr.write(`bench: server: ${text}\n`);

/**
 * @typedef {{
 *   seconds: number, warmupSeconds: number, notebooks: number, saves: number, manyImages: number, starts: number,
 *   backlog: { saves: number, seconds: number, creatingAfterMs: number, activeAfterMs: number },
 * }} ServerBenchSettings
 *   `notebooks`: how many the create-image load goes round (a notebook runs one save at a time, so
 *   its last save must be ACTIVE when the load comes back to it).
 */

/** @param {ServerBenchSettings} settings */
export async function benchServer(settings) {
  const timing = { seconds: settings.seconds, warmupSeconds: settings.warmupSeconds };
  const loadAtStart = os.loadavg();
  const dirs = /** @type {string[]} */ ([]);
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "notebook-image-bench-"));
    dirs.push(dir);
    return dir;
  };
  const postgres = await startPostgres();
  try {
    progress("limits of the stack");
    const limits = await benchStackLimits({ ...timing, databaseUrl: () => postgres.createDatabase() });
    progress("Prism");
    const prism = await benchPrism(timing);
    progress("on PGlite");
    const pglite = await benchServerOn(["--data-dir", newDir()], settings);
    progress("on PostgreSQL");
    const onPostgres = await benchServerOn(["--database-url", await postgres.createDatabase()], settings);
    progress("start-up");
    const starts = await measureStarts(settings.starts);
    return {
      limits,
      prism,
      pglite,
      postgres: onPostgres,
      starts,
      loadAverage: { atStart: loadAtStart, atEnd: os.loadavg() },
    };
  } finally {
    await postgres.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** @param {{ seconds: number, warmupSeconds: number }} timing */
async function benchPrism(timing) {
  const mock = await startMock();
  try {
    return await measureThroughput(
      { url: mock.url, token: TOKEN, creates: prismCreates, shows: async () => prismShows },
      timing,
    );
  } finally {
    await mock.close();
  }
}

/** The server's bin with `args` (its database): every figure but start-up. @param {string[]} args @param {ServerBenchSettings} settings */
async function benchServerOn(args, settings) {
  const server = await startServerProcess(args);
  try {
    await settle();
    const idleRssMiB = server.rssMiB();
    await createControlClient(server.url).setTransitions({ mode: "immediate" });
    const notebooks = await addNotebooks(server.url, settings.notebooks);
    progress(`${notebooks.length} notebooks made; create-image and ShowImage`);
    const latestImage = async () =>
      serverShows(
        (await call(server.url, "GET", `/v1/${DEV_PROJECT_ID}/images?type=DEDICATED&limit=1`)).data[0].id,
      );
    const throughput = await measureThroughput(
      { url: server.url, token: TOKEN, creates: serverCreates(notebooks), shows: latestImage },
      settings,
    );
    progress("save → ACTIVE");
    const toActive = await saveToActive(server.url, settings.saves);
    progress(`ShowImage while ${settings.backlog.saves} saves come due`);
    const backlog = await showWhileSaving(server.url, settings.backlog);
    progress(`saving up to ${settings.manyImages} images`);
    const images = await fillImages(server.url, settings.manyImages);
    await settle();
    return { ...throughput, toActive, backlog, images, idleRssMiB, manyRssMiB: server.rssMiB() };
  } finally {
    await server.stop();
  }
}
