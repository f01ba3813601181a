// The stateful server (@notebook-image/server, its bin in a child process) against Prism
// (startMock, a child process too), on the same requests: create-image and ShowImage at 1 and 32
// clients; save to ACTIVE in `immediate` mode; time to first answer on an empty and an existing
// data dir; resident size idle and after many images.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMock } from "@notebook-image/mock";
import { createControlClient, DEV_CREDENTIALS, DEV_PROJECT_ID } from "@notebook-image/server";
import { measureLoad } from "./load.mjs";
import { startServerProcess } from "./server-process.mjs";
import { CREATE_IMAGE_PATH, imageId, instanceId, projectId, requestBody, SHOW_IMAGE_PATH } from "./spec.mjs";
import { median, quantile } from "./stats.mjs";

const HEADERS = { "content-type": "application/json", "x-auth-token": DEV_CREDENTIALS.token };

/**
 * @param {string} path template with {project_id} and {id}
 * @param {string} project
 * @param {string} id
 */
const fill = (path, project, id) =>
  path.replace("{project_id}", encodeURIComponent(project)).replace("{id}", encodeURIComponent(id));

/** @param {string} base @param {string} method @param {string} path @param {unknown} [body] */
async function call(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: HEADERS,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** @param {string} base @param {number} count @returns {Promise<string[]>} */
async function addNotebooks(base, count) {
  /** @type {string[]} */
  const ids = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        next++;
        ids.push((await createControlClient(base).createNotebook()).id);
      }
    }),
  );
  return ids;
}

/** @param {string} tag */
const saveBody = (tag) => ({ ...requestBody, tag: `${requestBody.tag}-${tag}` });

/** @param {{ requests1: number, requests32: number, warmup: number, saves: number, manyImages: number, starts: number }} settings */
export async function benchServer(settings) {
  const { requests1, requests32, warmup } = settings;
  const dirs = /** @type {string[]} */ ([]);
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "notebook-image-bench-"));
    dirs.push(dir);
    return dir;
  };
  try {
    // Start-up: the first start on an empty dir, then restarts on the dir it left.
    const empty = [];
    const existing = [];
    for (let i = 0; i < settings.starts; i++) {
      const dir = newDir();
      const first = await startServerProcess(["--data-dir", dir]);
      empty.push(first.firstAnswerMs);
      await first.stop();
      const again = await startServerProcess(["--data-dir", dir]);
      existing.push(again.firstAnswerMs);
      await again.stop();
    }

    const server = await startServerProcess(["--data-dir", newDir()]);
    const mock = await startMock();
    try {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const idleRssMiB = server.rssMiB();
      await createControlClient(server.url).setTransitions({ mode: "immediate" });

      // create-image: every request saves a notebook of its own (a notebook runs one save at a time).
      const notebooks = await addNotebooks(server.url, warmup + requests1 + requests32);
      let used = 0;
      const serverCreate = () => {
        const id = notebooks[used++] ?? "";
        return {
          url: server.url + fill(CREATE_IMAGE_PATH, DEV_PROJECT_ID, id),
          init: { method: "POST", headers: HEADERS, body: JSON.stringify(saveBody(id)) },
        };
      };
      const prismCreate = () => ({
        url: mock.url + fill(CREATE_IMAGE_PATH, projectId, instanceId),
        init: { method: "POST", headers: HEADERS, body: JSON.stringify(requestBody) },
      });
      await measureLoad(4, warmup, serverCreate);
      await measureLoad(4, warmup, prismCreate);
      const create = {
        server: {
          c1: await measureLoad(1, requests1, serverCreate),
          c32: await measureLoad(32, requests32, serverCreate),
        },
        prism: {
          c1: await measureLoad(1, requests1, prismCreate),
          c32: await measureLoad(32, requests32, prismCreate),
        },
      };

      const saved = await call(server.url, "GET", `/v1/${DEV_PROJECT_ID}/images?type=DEDICATED&limit=1`);
      const shownId = saved.data[0].id;
      const serverShow = () => ({
        url: server.url + fill(SHOW_IMAGE_PATH, DEV_PROJECT_ID, shownId),
        init: { method: "GET", headers: HEADERS },
      });
      const prismShow = () => ({
        url: mock.url + fill(SHOW_IMAGE_PATH, projectId, imageId),
        init: { method: "GET", headers: HEADERS },
      });
      await measureLoad(4, warmup, serverShow);
      await measureLoad(4, warmup, prismShow);
      const show = {
        server: {
          c1: await measureLoad(1, requests1, serverShow),
          c32: await measureLoad(32, requests32, serverShow),
        },
        prism: {
          c1: await measureLoad(1, requests1, prismShow),
          c32: await measureLoad(32, requests32, prismShow),
        },
      };

      // Save to ACTIVE: one save at a time, ShowImage asked again as soon as it answers.
      const toActive = [];
      for (const id of await addNotebooks(server.url, settings.saves)) {
        const started = performance.now();
        const image = await call(
          server.url,
          "POST",
          fill(CREATE_IMAGE_PATH, DEV_PROJECT_ID, id),
          saveBody(`a-${id}`),
        );
        for (;;) {
          const shown = await call(server.url, "GET", fill(SHOW_IMAGE_PATH, DEV_PROJECT_ID, image.id));
          if (shown.status === "ACTIVE") break;
          if (shown.status !== "INIT" && shown.status !== "CREATING")
            throw new Error(`save ended ${shown.status}`);
        }
        toActive.push(performance.now() - started);
      }

      // Resident size with many images saved (all ACTIVE).
      const more = await addNotebooks(server.url, settings.manyImages);
      const manyIds = /** @type {string[]} */ ([]);
      let saving = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (saving < more.length) {
            const id = more[saving++] ?? "";
            const path = fill(CREATE_IMAGE_PATH, DEV_PROJECT_ID, id);
            manyIds.push((await call(server.url, "POST", path, saveBody(`m-${id}`))).id);
          }
        }),
      );
      for (const id of manyIds) {
        while (
          (await call(server.url, "GET", fill(SHOW_IMAGE_PATH, DEV_PROJECT_ID, id))).status !== "ACTIVE"
        ) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      const total = (await call(server.url, "GET", `/v1/${DEV_PROJECT_ID}/images?type=DEDICATED&limit=1`))
        .total;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const manyRssMiB = server.rssMiB();

      return {
        create,
        show,
        saveToActiveMedianMs: median(toActive),
        saveToActiveP99Ms: quantile(toActive, 0.99),
        firstAnswerEmptyMs: median(empty),
        firstAnswerExistingMs: median(existing),
        startsMs: { empty, existing },
        idleRssMiB,
        manyRssMiB,
        images: total,
      };
    } finally {
      await mock.close();
      await server.stop();
    }
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The figures of benchServer's result, with the goals of issue 12.
 * @param {Awaited<ReturnType<typeof benchServer>>} r
 * @returns {import("./report.mjs").Figure[]}
 */
export function serverFigures(r) {
  /** @type {import("./report.mjs").Figure[]} */
  const figures = [];
  for (const [operation, results] of /** @type {const} */ ([
    ["create-image", r.create],
    ["ShowImage", r.show],
  ])) {
    for (const c of /** @type {const} */ (["c1", "c32"])) {
      const clients = c === "c1" ? "1 client" : "32 clients";
      for (const [who, m] of /** @type {const} */ ([
        ["server", results.server[c]],
        ["Prism", results.prism[c]],
      ])) {
        figures.push(
          {
            id: `server.${operation}.${who}.${c}.rps`,
            label: `${operation}, ${who}, ${clients}: requests/s`,
            value: m.requestsPerSecond,
            unit: "req/s",
            digits: 0,
          },
          {
            id: `server.${operation}.${who}.${c}.p50`,
            label: `${operation}, ${who}, ${clients}: latency p50`,
            value: m.p50Ms,
            unit: "ms",
            digits: 1,
          },
          {
            id: `server.${operation}.${who}.${c}.p99`,
            label: `${operation}, ${who}, ${clients}: latency p99`,
            value: m.p99Ms,
            unit: "ms",
            digits: 1,
            ...(who === "server" && c === "c32" ? { goal: 25 } : {}),
          },
        );
      }
    }
    figures.push({
      id: `server.${operation}.ratio.c32`,
      label: `${operation}, 32 clients: server ÷ Prism requests/s`,
      value: results.server.c32.requestsPerSecond / results.prism.c32.requestsPerSecond,
      unit: "×",
      digits: 1,
      goal: operation === "create-image" ? 5 : 10,
      atLeast: true,
    });
  }
  figures.push(
    {
      id: "server.saveToActive.median",
      label: "save → ACTIVE (immediate mode), median",
      value: r.saveToActiveMedianMs,
      unit: "ms",
      digits: 1,
      goal: 20,
    },
    {
      id: "server.saveToActive.p99",
      label: "save → ACTIVE (immediate mode), p99",
      value: r.saveToActiveP99Ms,
      unit: "ms",
      digits: 1,
    },
    {
      id: "server.start.empty",
      label: "server start to first answer, empty data dir (median)",
      value: r.firstAnswerEmptyMs,
      unit: "ms",
      digits: 0,
      goal: 1_500,
    },
    {
      id: "server.start.existing",
      label: "server start to first answer, existing data dir (median)",
      value: r.firstAnswerExistingMs,
      unit: "ms",
      digits: 0,
    },
    {
      id: "server.rss.idle",
      label: "server resident size, idle",
      value: r.idleRssMiB,
      unit: "MiB",
      digits: 0,
      goal: 350,
    },
    {
      id: "server.rss.many",
      label: `server resident size after ${r.images} images`,
      value: r.manyRssMiB,
      unit: "MiB",
      digits: 0,
    },
  );
  return figures;
}
