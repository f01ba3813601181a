// The store's PGlite thread (pglite-worker.ts) through its main-thread side: what crosses between the
// threads (rows, PGlite's error fields, notifications in order) and a thread that dies.
import { afterEach, describe, expect, it } from "vitest";
import { PGliteThread } from "./pglite-thread.js";
import { template } from "./template.js";

const open: PGliteThread[] = [];
afterEach(async () => {
  for (const thread of open.splice(0)) await thread.close();
});
async function inMemory(script?: URL): Promise<PGliteThread> {
  const thread = await PGliteThread.open({ tarball: (await template()).tarball }, script);
  open.push(thread);
  return thread;
}

describe("the store's PGlite thread", () => {
  it("answers rows with their types, and a row count for the statements that change rows", async () => {
    const thread = await inMemory();
    await thread.exec("create table t (id int8 primary key, at timestamptz, doc jsonb, bytes bytea)");
    const at = new Date("2026-01-02T03:04:05.000Z");
    const insert = await thread.query("insert into t values ($1, $2, $3, $4), ($5, $2, $3, $4)", [
      1,
      at,
      { a: [1, "two"] },
      new Uint8Array([1, 2]),
      2,
    ]);
    expect(insert).toMatchObject({ command: "INSERT", affectedRows: 2 });
    const { rows } = await thread.query("select * from t order by id", []);
    expect(rows).toEqual([
      { id: 1, at, doc: { a: [1, "two"] }, bytes: new Uint8Array([1, 2]) },
      { id: 2, at, doc: { a: [1, "two"] }, bytes: new Uint8Array([1, 2]) },
    ]);
  });

  it("refuses with PGlite's error fields (the refusals of a duplicate read code and constraint)", async () => {
    const thread = await inMemory();
    await thread.exec("create table t (id int primary key, name text not null)");
    await thread.query("insert into t values (1, 'a')", []);
    const duplicate = await thread
      .query("insert into t values (1, 'b')", [])
      .catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(Error);
    expect(duplicate).toMatchObject({
      message: expect.stringContaining("duplicate key"),
      code: "23505",
      constraint: "t_pkey",
      table: "t",
      query: "insert into t values (1, 'b')",
    });
    // The thread goes on after a refusal.
    expect((await thread.query("select count(*)::int as n from t", [])).rows).toEqual([{ n: 1 }]);
  });

  it("refuses a parameter that cannot cross to the thread, and goes on", async () => {
    const thread = await inMemory();
    await expect(thread.query("select $1::text", [() => "a function"])).rejects.toThrow(
      /could not be cloned/,
    );
    expect((await thread.query("select 1 as one", [])).rows).toEqual([{ one: 1 }]);
  });

  it("hands a notification over before the answer of the statement that sent it", async () => {
    // The store forgets the settings it holds on a notice: a read right after the write that sent it
    // must not find them still held.
    const thread = await inMemory();
    const events: string[] = [];
    const stop = await thread.listen("channel_a", (payload) => events.push(`notified ${payload}`));
    await thread.query("select pg_notify('channel_a', 'x')", []);
    events.push("answered");
    stop();
    await thread.query("select pg_notify('channel_a', 'y')", []);
    expect(events).toEqual(["notified x", "answered"]);
  });

  it("fails the request in flight and every later one when the thread dies, and still closes", async () => {
    const thread = await inMemory(new URL("../../test/fixtures/dying-pglite-worker.mjs", import.meta.url));
    expect((await thread.query("select 1 as one", [])).rows).toEqual([{ one: 1 }]);
    await expect(thread.query("exit the thread", [])).rejects.toThrow(
      "the store's PGlite thread exited (code 70)",
    );
    expect(thread.closed).toBe(true);
    await expect(thread.query("select 1", [])).rejects.toThrow("the store's PGlite thread exited (code 70)");
    await thread.close();
  });

  it("refuses requests once closed", async () => {
    const thread = await inMemory();
    await thread.close();
    await expect(thread.query("select 1", [])).rejects.toThrow("the store's PGlite database is closed");
  });
});
