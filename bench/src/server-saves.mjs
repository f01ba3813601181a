// What the server does with saves beyond answering: a save to ACTIVE one at a time (`immediate`
// mode); ShowImage at 1 client while a backlog of `time`-mode saves comes due; many images saved
// (resident size).
import { createControlClient, DEV_PROJECT_ID } from "@notebook-image/server";
import {
  addNotebooks,
  call,
  createPath,
  saveBody,
  serverShows,
  showPath,
  TOKEN,
} from "./server-requests.mjs";
import { median, quantile } from "./stats.mjs";
import { runWrk } from "./wrk.mjs";

/** A save still INIT or CREATING after this long is reported as stuck. */
const SAVE_TIMEOUT_MS = 120_000;
const POLL_MS = 20;

/** @param {string} status */
const inFlight = (status) => status === "INIT" || status === "CREATING";

/** Resolves once the image is ACTIVE; throws if it ends otherwise or takes too long. @param {string} url @param {string} id */
async function untilActive(url, id, pollMs = 0) {
  for (const deadline = performance.now() + SAVE_TIMEOUT_MS; performance.now() < deadline; ) {
    const { status } = await call(url, "GET", showPath(id));
    if (status === "ACTIVE") return;
    if (!inFlight(status)) throw new Error(`save of image ${id} ended ${status}`);
    if (pollMs > 0) await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`save of image ${id} not ACTIVE after ${SAVE_TIMEOUT_MS} ms`);
}

/** One save at a time, ShowImage asked again as soon as it answers (`immediate` mode). @param {string} url @param {number} saves */
export async function saveToActive(url, saves) {
  const times = [];
  for (const id of await addNotebooks(url, saves)) {
    const started = performance.now();
    const image = await call(url, "POST", createPath(id), saveBody(`a-${id}`));
    await untilActive(url, image.id);
    times.push(performance.now() - started);
  }
  return { medianMs: median(times), p99Ms: quantile(times, 0.99) };
}

/**
 * `saves` saves in `time` mode (INIT, then CREATING after `creatingAfterMs`, ACTIVE after
 * `activeAfterMs`), then ShowImage at 1 client for `seconds` while they come due: a save backlog
 * must not hold up an answer (issue 22). Ends in `immediate` mode with every save ACTIVE.
 * @param {string} url
 * @param {{ saves: number, seconds: number, creatingAfterMs: number, activeAfterMs: number }} settings
 */
export async function showWhileSaving(url, { saves, seconds, creatingAfterMs, activeAfterMs }) {
  const control = createControlClient(url);
  const notebooks = await addNotebooks(url, saves);
  await control.setTransitions({ mode: "time", creatingAfterMs, activeAfterMs });
  const enqueueStarted = performance.now();
  /** @type {string[]} */
  const images = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < notebooks.length) {
        const id = notebooks[next++] ?? "";
        images.push((await call(url, "POST", createPath(id), saveBody(`t-${id}`))).id);
      }
    }),
  );
  const enqueueMs = performance.now() - enqueueStarted;
  const [shown = ""] = images;
  const show = await runWrk({ url, token: TOKEN, requests: serverShows(shown), concurrency: 1, seconds });
  let activeAfter = 0;
  for (const id of images) if ((await call(url, "GET", showPath(id))).status === "ACTIVE") activeAfter++;
  await control.setTransitions({ mode: "immediate" });
  for (const id of images) await untilActive(url, id, POLL_MS);
  return { saves, enqueueMs, show, activeAfterWindow: activeAfter };
}

/** @param {string} url */
const imageCount = async (url) =>
  (await call(url, "GET", `/v1/${DEV_PROJECT_ID}/images?type=DEDICATED&limit=1`)).total;

/**
 * Saves images until the server holds `target` of them, all ACTIVE (`immediate` mode): 16 clients,
 * each saving its own notebook again once its last save is ACTIVE.
 * @param {string} url @param {number} target
 */
export async function fillImages(url, target) {
  const missing = Math.max(0, target - (await imageCount(url)));
  const notebooks = await addNotebooks(url, Math.min(missing, 16));
  let saved = 0;
  await Promise.all(
    notebooks.map(async (id) => {
      while (saved < missing) {
        saved++;
        const image = await call(url, "POST", createPath(id), saveBody(`m-${saved}-${id}`));
        await untilActive(url, image.id, POLL_MS);
      }
    }),
  );
  return imageCount(url);
}
