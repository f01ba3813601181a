// A step of saves finds its jobs by primary key, however many jobs save_jobs holds and whatever the
// planner's statistics say: its statement plans no sequential scan of the table. It did, reading
// every row at every step of every save (the planner takes a JSON recordset for 100 rows, and
// statistics that lag the saves put most jobs as unfinished), a cost that grew with the table during
// a benchmark. Read from EXPLAIN, which counts nothing in time.
import { randomUUID } from "node:crypto";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresDatabase } from "../../test/support/postgres.js";
import { DEFAULTS } from "../../test/support/storage-backends.js";
import { openStore } from "./open-store.js";
import { type Step, stepStatement } from "./save-steps.js";
import type { Database } from "./schema.js";

/** Jobs already over, as a server that has saved for a while holds them. */
const FINISHED_JOBS = 5_000;

let db: Kysely<Database>;
beforeAll(async () => {
  const databaseUrl = await postgresDatabase();
  // The store's migrations make the tables.
  await (await openStore({ databaseUrl, defaults: DEFAULTS })).close();
  const pool = new pg.Pool({ connectionString: databaseUrl });
  pool.on("error", () => {});
  db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}, 120_000);
afterAll(() => db?.destroy());

/** The nodes of an EXPLAIN (FORMAT JSON) plan, every level. */
function planNodes(node: Record<string, unknown>): Record<string, unknown>[] {
  const children = (node.Plans as Record<string, unknown>[] | undefined) ?? [];
  return [node, ...children.flatMap(planNodes)];
}

describe("a step of saves on PostgreSQL", () => {
  it(`reads its jobs by primary key among ${FINISHED_JOBS} finished ones, not by scanning the table`, async () => {
    await sql`
      insert into save_jobs (id, image_id, notebook_id, project_id, phase, faulted, attempts, created_at, updated_at)
      select gen_random_uuid()::text, gen_random_uuid()::text, gen_random_uuid()::text, 'project', 'done', false, 1, 1, 1
      from generate_series(1, ${FINISHED_JOBS})`.execute(db);
    const steps: Step[] = Array.from({ length: 16 }, () => ({
      id: randomUUID(),
      workerId: "worker",
      now: 2,
      change: {
        job: { phase: "done" },
        release: true,
        image: { status: "ACTIVE", statusMessage: null, size: 1 },
        notebook: { status: "RUNNING", image: { id: "i", name: "n", swrPath: "s/n:t", type: "DEDICATED" } },
      },
    }));
    const statement = stepStatement(steps).compile(db);
    const { rows } = await db.executeQuery<{ "QUERY PLAN": [{ Plan: Record<string, unknown> }] }>({
      ...statement,
      sql: `explain (format json) ${statement.sql}`,
    });
    const plan = rows[0]?.["QUERY PLAN"][0].Plan;
    if (!plan) throw new Error("EXPLAIN gave no plan");
    const scans = planNodes(plan).filter((node) => node["Node Type"] === "Seq Scan");
    expect(scans.map((node) => node["Relation Name"])).not.toContain("save_jobs");
  });
});
