import type { Kysely } from "kysely";
import type { NamespaceRepository } from "../domain/store-port.js";
import type { Database } from "./schema.js";

export function namespaceRepository(db: Kysely<Database>): NamespaceRepository {
  return {
    async exists(name) {
      const row = await db
        .selectFrom("namespaces")
        .select("name")
        .where("name", "=", name)
        .executeTakeFirst();
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
