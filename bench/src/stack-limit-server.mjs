// The limits of the server's own stack, for the server benchmark to compare against: a bare
// fastify route with no validation, no auth and no domain, on the same drivers as the server.
// Run as a child process (stack-limits.mjs), one kind per process:
//   --route each --database-url <url> | --data-dir <dir>   POST /items ({ id, ... }): 1 INSERT + 1 SELECT
//   --route turn  --database-url <url> | --data-dir <dir>   the same, but the writes of one event-loop
//        turn go as one multi-row INSERT, read back with one SELECT (what grouped writes can reach)
//   --route map                                            GET /items/:id from an in-process Map
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import Fastify from "fastify";
import pg from "pg";

const { values } = parseArgs({
  options: {
    route: { type: "string" },
    "data-dir": { type: "string" },
    "database-url": { type: "string" },
  },
});

/** @typedef {(sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>} Query */

/** @returns {Promise<Query>} */
async function openDatabase() {
  const url = values["database-url"];
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    return async (sql, params) => (await pool.query(sql, params)).rows;
  }
  const dir = values["data-dir"];
  if (!dir) throw new Error("--data-dir or --database-url is required");
  const db = await PGlite.create(dir);
  return async (sql, params) => (await db.query(sql, params)).rows;
}

const app = Fastify({ logger: false });

if (values.route === "map") {
  const items = new Map();
  app.post("/items", async (request) => {
    const { id } = /** @type {{ id: string }} */ (request.body);
    items.set(id, { id, body: request.body });
    return items.get(id);
  });
  app.get("/items/:id", async (request, reply) => {
    const item = items.get(/** @type {{ id: string }} */ (request.params).id);
    return item ?? reply.code(404).send({ error: "no such item" });
  });
} else {
  const query = await openDatabase();
  await query("create table if not exists items (id text primary key, body jsonb not null)", []);
  if (values.route === "each") {
    app.post("/items", async (request) => {
      const { id } = /** @type {{ id: string }} */ (request.body);
      await query("insert into items (id, body) values ($1, $2)", [id, request.body]);
      return (await query("select id, body from items where id = $1", [id]))[0];
    });
  } else if (values.route === "turn") {
    /** @type {{ id: string, body: unknown, resolve: (row: unknown) => void, reject: (error: unknown) => void }[]} */
    let pending = [];
    const flush = async () => {
      const batch = pending;
      pending = [];
      try {
        const placeholders = batch.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(", ");
        await query(
          `insert into items (id, body) values ${placeholders}`,
          batch.flatMap((w) => [w.id, w.body]),
        );
        const rows = await query("select id, body from items where id = any($1)", [batch.map((w) => w.id)]);
        const byId = new Map(rows.map((row) => [row.id, row]));
        for (const w of batch) w.resolve(byId.get(w.id));
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    };
    app.post("/items", (request) => {
      const { id } = /** @type {{ id: string }} */ (request.body);
      if (pending.length === 0) setImmediate(flush);
      return new Promise((resolve, reject) => pending.push({ id, body: request.body, resolve, reject }));
    });
  } else {
    throw new Error(`--route must be each, turn or map, not ${values.route}`);
  }
}
app.get("/health", async () => ({ ok: true }));

const address = await app.listen({ port: 0, host: "127.0.0.1" });
console.log(`listening on ${address}`);
process.on("SIGTERM", () => void app.close().then(() => process.exit(0)));
// The benchmark that started this process holds its stdin open until it ends (server-process.mjs).
process.stdin.on("close", () => process.exit(0));
process.stdin.resume();
