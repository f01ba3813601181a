// The number of SQL statements one save costs, counted at the database driver (begin and commit
// included), as Django's assertNumQueries counts a request's: create-image of the development
// notebook to ACTIVE, simulated engine, `immediate` transitions, on PGlite and on PostgreSQL. More
// than SAVE_STATEMENTS fails: a statement added to the save path has to be a choice.
import { Writable } from "node:stream";
import { type PostgresServer, startPostgres } from "@notebook-image/test-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_NAMESPACE, DEV_NOTEBOOK_ID, DEV_PROJECT_ID } from "../src/domain/seed.js";
import { type RunningServer, startServerWith } from "../src/server.js";
import { openStore } from "../src/store/index.js";
import { DEV_CREDENTIALS, methodOf, pathOf, until } from "./support/harness.js";

/**
 * The notebook's read and the image with its job in the request (settings and namespaces come from
 * memory); the claim and ACTIVE in the worker (one statement writing the job, the image and the
 * notebook together). The simulated engine's steps take no time: no CREATING is written before ACTIVE.
 */
const SAVE_STATEMENTS = 4;

let postgres: PostgresServer;
beforeAll(async () => {
  postgres = await startPostgres();
}, 120_000);
afterAll(() => postgres?.close());

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
  const server = await startServerWith(
    // The idle worker's sweep (a claim and a look at the next due time, every pollMs) is no part of a save.
    { ...database, transitions: { mode: "immediate" }, logStream, worker: { pollMs: 600_000 } },
    { openStore: (options) => openStore({ ...options, onStatement: (sql) => statements.push(sql) }) },
  );
  return { server, statements, saved };
}

async function createImage(server: RunningServer, name: string) {
  const path = pathOf("createImage", { project_id: DEV_PROJECT_ID, id: DEV_NOTEBOOK_ID });
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
  { name: "PostgreSQL", database: async () => ({ databaseUrl: await postgres.createDatabase() }) },
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
