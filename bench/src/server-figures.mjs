// The table rows of benchServer's result (server.mjs), with the goals of issue 22: each server
// figure beside Prism and beside the limits of its own stack, measured in the same run.

/** @typedef {import("./report.mjs").Figure} Figure */
/** @typedef {import("./wrk.mjs").LoadResult} LoadResult */

/** The goals of issue 22, on this 2-core machine. */
export const SERVER_GOALS = {
  createVsPrism: 3,
  createP99Ms: 25,
  showVsPrism: 5,
  showWhileSavingP99Ms: 10,
  saveToActiveMs: 20,
  firstAnswerEmptyMs: 1_500,
  idleRssMiB: 350,
};

const DATABASES = /** @type {const} */ ([
  ["pglite", "PGlite"],
  ["postgres", "PostgreSQL"],
]);

/** requests/s, p50 and p99 of one load. @param {string} id @param {string} label @param {LoadResult} m @param {number} [p99Goal] @returns {Figure[]} */
const load = (id, label, m, p99Goal) => [
  { id: `${id}.rps`, label: `${label}: requests/s`, value: m.requestsPerSecond, unit: "req/s", digits: 0 },
  { id: `${id}.p50`, label: `${label}: p50`, value: m.p50Ms, unit: "ms", digits: 1 },
  {
    id: `${id}.p99`,
    label: `${label}: p99`,
    value: m.p99Ms,
    unit: "ms",
    digits: 1,
    ...(p99Goal === undefined ? {} : { goal: p99Goal }),
  },
];

/** @param {string} id @param {string} label @param {number} value @param {number} [goal] @returns {Figure} */
const ratio = (id, label, value, goal) => ({
  id,
  label,
  value,
  unit: "×",
  digits: 2,
  ...(goal === undefined ? {} : { goal, atLeast: true }),
});

/** @param {Awaited<ReturnType<typeof import("./server.mjs").benchServer>>} r @returns {Figure[]} */
export function serverFigures(r) {
  const { limits, prism } = r;
  /** @type {Figure[]} */
  const figures = [
    ...load(
      "limit.pglite.each",
      "limit: bare fastify, 1 INSERT + 1 SELECT, PGlite, 32 clients",
      limits.pglite.each,
    ),
    ...load("limit.postgres.each", "limit: the same on PostgreSQL", limits.postgres.each),
    ...load(
      "limit.pglite.turn",
      "limit: one multi-row INSERT per event-loop turn, PGlite, 32 clients",
      limits.pglite.turn,
    ),
    ...load("limit.postgres.turn", "limit: the same on PostgreSQL", limits.postgres.turn),
    ...load("limit.mapRead", "limit: bare fastify, read from a Map, 32 clients", limits.mapRead),
    ...load("prism.create.c1", "Prism, create-image, 1 client", prism.create.c1),
    ...load("prism.create.c32", "Prism, create-image, 32 clients", prism.create.c32),
    ...load("prism.show.c1", "Prism, ShowImage, 1 client", prism.show.c1),
    ...load("prism.show.c32", "Prism, ShowImage, 32 clients", prism.show.c32),
  ];
  for (const [key, name] of DATABASES) {
    const s = r[key];
    const id = `server.${key}`;
    const createRps = s.create.c32.requestsPerSecond;
    const showRps = s.show.c32.requestsPerSecond;
    figures.push(
      ...load(`${id}.create.c1`, `server on ${name}, create-image, 1 client`, s.create.c1),
      ...load(
        `${id}.create.c32`,
        `server on ${name}, create-image, 32 clients`,
        s.create.c32,
        SERVER_GOALS.createP99Ms,
      ),
      ratio(
        `${id}.create.vsPrism`,
        "  ÷ Prism",
        createRps / prism.create.c32.requestsPerSecond,
        SERVER_GOALS.createVsPrism,
      ),
      ratio(
        `${id}.create.vsEach`,
        "  ÷ limit, 1 INSERT + 1 SELECT",
        createRps / limits[key].each.requestsPerSecond,
      ),
      ratio(
        `${id}.create.vsTurn`,
        "  ÷ limit, one INSERT per turn",
        createRps / limits[key].turn.requestsPerSecond,
      ),
      ...load(`${id}.show.c1`, `server on ${name}, ShowImage, 1 client`, s.show.c1),
      ...load(`${id}.show.c32`, `server on ${name}, ShowImage, 32 clients`, s.show.c32),
      ratio(
        `${id}.show.vsPrism`,
        "  ÷ Prism",
        showRps / prism.show.c32.requestsPerSecond,
        SERVER_GOALS.showVsPrism,
      ),
      ratio(`${id}.show.vsMap`, "  ÷ limit, read from a Map", showRps / limits.mapRead.requestsPerSecond),
      ratio(
        `${id}.show.vsEach`,
        "  ÷ limit, 1 INSERT + 1 SELECT",
        showRps / limits[key].each.requestsPerSecond,
      ),
      {
        id: `${id}.backlog.p99`,
        label: `server on ${name}, ShowImage p99, 1 client, while ${s.backlog.saves} time-mode saves come due (${s.backlog.activeAfterWindow} ACTIVE by the end)`,
        value: s.backlog.show.p99Ms,
        unit: "ms",
        digits: 1,
        goal: SERVER_GOALS.showWhileSavingP99Ms,
      },
      {
        id: `${id}.saveToActive.median`,
        label: `server on ${name}, save → ACTIVE (immediate mode), median`,
        value: s.toActive.medianMs,
        unit: "ms",
        digits: 1,
        goal: SERVER_GOALS.saveToActiveMs,
      },
      {
        id: `${id}.saveToActive.p99`,
        label: `server on ${name}, save → ACTIVE, p99`,
        value: s.toActive.p99Ms,
        unit: "ms",
        digits: 1,
      },
      {
        id: `${id}.rss.idle`,
        label: `server on ${name}, resident size idle`,
        value: s.idleRssMiB,
        unit: "MiB",
        digits: 0,
        goal: SERVER_GOALS.idleRssMiB,
      },
      {
        id: `${id}.rss.many`,
        label: `server on ${name}, resident size after ${s.images} images`,
        value: s.manyRssMiB,
        unit: "MiB",
        digits: 0,
      },
    );
  }
  figures.push(...startFigures(r.starts), {
    id: "server.loadAverage",
    label: `load average (1 min) at start of the server part, at its end ${r.loadAverage.atEnd[0]?.toFixed(2)}`,
    value: r.loadAverage.atStart[0] ?? Number.NaN,
    unit: "",
    digits: 2,
  });
  return figures;
}

/**
 * Spawn to first answer (server-start.mjs), in the server part and in the start part of its own.
 * @param {import("./server-start.mjs").StartResult} starts
 * @returns {Figure[]}
 */
export function startFigures(starts) {
  return [
    {
      id: "server.start.empty",
      label: "server start to first answer, empty data dir (median)",
      value: starts.emptyMs,
      unit: "ms",
      digits: 0,
      goal: SERVER_GOALS.firstAnswerEmptyMs,
    },
    {
      id: "server.start.existing",
      label: "server start to first answer, existing data dir (median)",
      value: starts.existingMs,
      unit: "ms",
      digits: 0,
    },
  ];
}
