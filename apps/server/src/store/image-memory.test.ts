// Images read again are answered from memory where this process owns the database (PGlite), and
// never stale: every write, by any repository, forgets them; a transaction's reads are not held;
// on PostgreSQL (where another replica may write) every read goes to the database.
import { type PostgresServer, startPostgres } from "@notebook-image/test-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { image } from "../../test/support/records.js";
import { DEFAULTS } from "../../test/support/storage-backends.js";
import type { StorePort } from "../domain/store-port.js";
import { openStore } from "./open-store.js";

let postgres: PostgresServer;
beforeAll(async () => {
  postgres = await startPostgres();
}, 120_000);
afterAll(() => postgres?.close());

/** A store whose statements are counted. */
async function countedStore(database: { inMemory: true } | { databaseUrl: string }) {
  const statements: string[] = [];
  const store = await openStore({
    ...database,
    defaults: DEFAULTS,
    onStatement: (sql) => statements.push(sql),
  });
  return { store, statements };
}

/** How many statements `fn` sends. */
async function counting<T>(statements: string[], fn: () => Promise<T>): Promise<[T, number]> {
  const before = statements.length;
  const result = await fn();
  return [result, statements.length - before];
}

describe("images on PGlite, which this process owns", () => {
  let store: StorePort;
  let statements: string[];
  beforeAll(async () => {
    ({ store, statements } = await countedStore({ inMemory: true }));
  });
  afterAll(() => store.close());

  it("are read once, then answered from memory, until anything is written", async () => {
    const saved = image({ name: "held" });
    await store.images.insert(saved);
    const [first, firstCost] = await counting(statements, () => store.images.get(saved.projectId, saved.id));
    expect([first, firstCost]).toEqual([saved, 1]);
    const [again, againCost] = await counting(statements, () => store.images.get(saved.projectId, saved.id));
    expect([again, againCost]).toEqual([saved, 0]);
    // Another project does not see it, from memory or not.
    expect(await store.images.get("another-project", saved.id)).toBeUndefined();

    // A write through another repository, even one that changes no row: forgotten all the same.
    await store.notebooks.update("no-such-notebook", { status: "STOPPED" });
    const [afterWrite, afterWriteCost] = await counting(statements, () =>
      store.images.get(saved.projectId, saved.id),
    );
    expect([afterWrite, afterWriteCost]).toEqual([saved, 1]);
  });

  it("never answers what a write changed, even when the read was sent before the write", async () => {
    const saved = image({ name: "overtaken" });
    await store.images.insert(saved);
    const read = store.images.get(saved.projectId, saved.id);
    const write = store.images.update(saved.id, { status: "ACTIVE", updateAt: saved.updateAt + 1 });
    expect(await read).toEqual(saved);
    await write;
    expect(await store.images.get(saved.projectId, saved.id)).toMatchObject({ status: "ACTIVE" });
  });

  it("does not hold what a transaction read: another caller never sees it, and it may roll back", async () => {
    const saved = image({ name: "rolled-back" });
    await store.images.insert(saved);
    let outside: Promise<unknown> | undefined;
    await expect(
      store.transaction(async (tx) => {
        await tx.images.update(saved.id, { status: "ACTIVE", updateAt: saved.updateAt + 1 });
        expect(await tx.images.get(saved.projectId, saved.id)).toMatchObject({ status: "ACTIVE" });
        // Asked while the transaction is open: answered once it ended, by the database.
        outside = store.images.get(saved.projectId, saved.id);
        throw new Error("rolled back on purpose");
      }),
    ).rejects.toThrow("rolled back on purpose");
    expect(await outside).toEqual(saved);
    expect(await store.images.get(saved.projectId, saved.id)).toEqual(saved);
  });

  it("hands out copies: changing one does not change what is held", async () => {
    const saved = image({ name: "copied" });
    await store.images.insert(saved);
    const shown = await store.images.get(saved.projectId, saved.id);
    if (shown) shown.status = "ERROR";
    expect(await store.images.get(saved.projectId, saved.id)).toEqual(saved);
  });
});

describe("images on PostgreSQL, where another replica may write", () => {
  it("are read from the database every time", async () => {
    const { store, statements } = await countedStore({ databaseUrl: await postgres.createDatabase() });
    try {
      const saved = image({ name: "shared" });
      await store.images.insert(saved);
      await store.images.get(saved.projectId, saved.id);
      const [again, cost] = await counting(statements, () => store.images.get(saved.projectId, saved.id));
      expect([again, cost]).toEqual([saved, 1]);
    } finally {
      await store.close();
    }
  });
});
