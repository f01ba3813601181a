// The number of SQL statements one save costs, counted at the database driver (begin and commit
// included), as Django's assertNumQueries counts a request's: create-image of the development
// notebook to ACTIVE, simulated engine, `immediate` transitions, on PGlite and on PostgreSQL. More
// than SAVE_STATEMENTS fails: a statement added to the save path has to be a choice.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createControlClient } from "../src/control/control-client.js";
import { DEV_NAMESPACE, DEV_NOTEBOOK_ID, DEV_PROJECT_ID } from "../src/domain/seed.js";
import { startServer } from "../src/index.js";
import { type RunningServer, type ServerOptions, startServerWith } from "../src/server.js";
import { openServerStore } from "../src/server-store.js";
import { openStore } from "../src/store/index.js";
import { DEV_CREDENTIALS, methodOf, pathOf, until } from "./support/harness.js";
import { postgresDatabase } from "./support/postgres.js";

/**
 * The notebook's read and the image with its job in the request (settings and namespaces come from
 * memory); the claim and ACTIVE in the worker (one statement writing the job, the image and the
 * notebook together). The simulated engine's steps take no time: no CREATING is written before ACTIVE.
 */
const SAVE_STATEMENTS = 4;

/** The store of `options`, which pushes the SQL of each statement it sends to `statements`. */
function openCounted(options: ServerOptions, statements: string[]) {
  return openServerStore(options, (opening) =>
    openStore({ ...opening, onStatement: (sql) => statements.push(sql) }),
  );
}

/** A server whose statements are collected, and which says when the worker saved an image. */
async function countingServer(database: { databaseUrl?: string }) {
  const statements: string[] = [];
  const saved: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) {
        if (line.includes('"image saved"')) saved.push(JSON.parse(line).imageId);
      }
      done();
    },
  });
  // The idle worker's sweep (a claim and a look at the next due time, every pollMs) is no part of a save.
  const options = {
    ...database,
    transitions: { mode: "immediate" as const },
    logStream,
    worker: { pollMs: 600_000 },
  };
  const server = await startServerWith(options, { store: openCounted(options, statements) });
  return { server, statements, saved };
}

async function createImage(server: RunningServer, name: string, notebookId = DEV_NOTEBOOK_ID) {
  const path = pathOf("createImage", { project_id: DEV_PROJECT_ID, id: notebookId });
  const response = await fetch(`${server.url}${path}`, {
    method: methodOf("createImage"),
    headers: { "x-auth-token": DEV_CREDENTIALS.token, "content-type": "application/json" },
    body: JSON.stringify({ name, namespace: DEV_NAMESPACE }),
    signal: AbortSignal.timeout(10_000),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

describe.each([
  { name: "PGlite", database: async () => ({}) },
  { name: "PostgreSQL", database: async () => ({ databaseUrl: await postgresDatabase() }) },
])("one save on $name", ({ database }) => {
  it(`costs at most ${SAVE_STATEMENTS} statements, from create-image to ACTIVE`, async () => {
    const { server, statements, saved } = await countingServer(await database());
    try {
      // A first save, so that what a server does once (reading the settings) is not counted.
      const warm = await createImage(server, "warm-up");
      await until(
        async () => saved,
        (ids) => ids.includes(warm),
      );
      statements.length = 0;
      const id = await createImage(server, "counted");
      await until(
        async () => saved,
        (ids) => ids.includes(id),
      );
      expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(SAVE_STATEMENTS);
    } finally {
      await server.close();
    }
  });
});

async function imageStatus(server: RunningServer, id: string) {
  const response = await fetch(`${server.url}${pathOf("ShowImage", { project_id: DEV_PROJECT_ID, id })}`, {
    headers: { "x-auth-token": DEV_CREDENTIALS.token },
    signal: AbortSignal.timeout(10_000),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { status: string }).status;
}

/** Saves come due together (the 40 of a busy moment): the worker claims them all at once. */
const BACKLOG = 40;
/** One claim for all of them, and one that finds none left. */
const BACKLOG_CLAIMS = 2;

describe("a backlog of saves due together", () => {
  it(`is claimed by at most ${BACKLOG_CLAIMS} statements (not one round per few saves)`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "statements-"));
    try {
      // Accepted by one server, due a minute later (INIT → CREATING), then taken up by the next
      // server on the same data dir with its clock two minutes on: all due at its start.
      const first = await startServer({
        dataDir,
        transitions: { mode: "time", creatingAfterMs: 60_000, activeAfterMs: 60_000 },
      });
      const images: string[] = [];
      try {
        const control = createControlClient(first.url);
        for (let i = 0; i < BACKLOG; i++) {
          const { id } = await control.createNotebook();
          images.push(await createImage(first, `backlog-${i}`, id));
        }
      } finally {
        await first.close();
      }
      const statements: string[] = [];
      const later = { now: () => Date.now() + 120_000 };
      const options = { dataDir, clock: later, worker: { pollMs: 600_000 } };
      const second = await startServerWith(options, { store: openCounted(options, statements) });
      try {
        await until(
          async () => Promise.all(images.map((id) => imageStatus(second, id))),
          (statuses) => statuses.every((status) => status === "CREATING"),
        );
        // A claim counts an attempt (releasing what a crashed run held, at start, does not).
        const claims = statements.filter((sql) =>
          /^update "save_jobs" set "claimed_by".*"attempts" \+/.test(sql),
        );
        expect(claims.length, claims.join("\n")).toBeLessThanOrEqual(BACKLOG_CLAIMS);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
