import type { Kysely } from "kysely";
import type { NamespaceRepository } from "../domain/store-port.js";
import type { Database } from "./schema.js";
import type { StoreMemory } from "./store-memory.js";

export function namespaceRepository(db: Kysely<Database>, memory: StoreMemory): NamespaceRepository {
  return {
    async exists(name) {
      if (memory.namespaces.has(name)) return true;
      const row = await db
        .selectFrom("namespaces")
        .select("name")
        .where("name", "=", name)
        .executeTakeFirst();
      if (row) memory.namespaces.add(name);
      return row !== undefined;
    },
    async add(name) {
      await db
        .insertInto("namespaces")
        .values({ name })
        .onConflict((conflict) => conflict.column("name").doNothing())
        .execute();
    },
    async list() {
      const rows = await db.selectFrom("namespaces").select("name").orderBy("name").execute();
      return rows.map((row) => row.name);
    },
  };
}
