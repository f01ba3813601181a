// Statements with parameters go to PostgreSQL as named (prepared) statements, parsed and planned
// once per connection; one that PostgreSQL refuses since a table it reads changed (another server's
// migration) is sent again unnamed, and from then on.
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresDatabase } from "../../test/support/postgres.js";
import { preparingPool } from "./prepared-statements.js";

let databaseUrl: string;
// One connection, so that what it holds prepared is what the next statement sees.
let db: Kysely<unknown>;
beforeAll(async () => {
  databaseUrl = await postgresDatabase();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  pool.on("error", () => {});
  db = new Kysely({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
});
afterAll(() => db?.destroy());

async function preparedOnConnection(): Promise<string[]> {
  const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db);
  return rows.map((row) => row.statement);
}

describe("statements on PostgreSQL", () => {
  it("are prepared once per connection when they have parameters, and not otherwise", async () => {
    for (let i = 0; i < 3; i++) await sql`select ${i}::int as n, 'with parameters' as kind`.execute(db);
    await sql`select 'without parameters' as kind`.execute(db);
    const prepared = await preparedOnConnection();
    expect(prepared.filter((text) => text.includes("with parameters"))).toHaveLength(1);
    expect(prepared.filter((text) => text.includes("without parameters"))).toHaveLength(0);
  });

  it("are answered as before once a table they read changed its columns", async () => {
    await sql`create table changing (id int primary key)`.execute(db);
    await sql`insert into changing values (1)`.execute(db);
    const read = () => sql<Record<string, unknown>>`select * from changing where id = ${1}`.execute(db);
    expect((await read()).rows).toEqual([{ id: 1 }]);
    // Another server's migration, on a connection of its own.
    const other = new pg.Client({ connectionString: databaseUrl });
    await other.connect();
    await other.query("alter table changing add column added int default 7");
    await other.end();
    expect((await read()).rows).toEqual([{ id: 1, added: 7 }]);
    expect((await read()).rows).toEqual([{ id: 1, added: 7 }]);
  });
});
