import type { Kysely } from "kysely";
import type { ServerSettings, SettingsRepository } from "../domain/store-port.js";
import type { Database } from "./schema.js";
import type { StoreMemory } from "./store-memory.js";

const ROW = 1;

/** Puts the defaults in a new database; an existing one keeps what it has. */
export async function seedSettings(db: Kysely<Database>, defaults: ServerSettings): Promise<void> {
  await db
    .insertInto("settings")
    .values(settingsRow(defaults))
    .onConflict((conflict) => conflict.column("id").doNothing())
    .execute();
}

export function settingsRow(settings: ServerSettings) {
  return {
    id: ROW,
    transitions: JSON.stringify(settings.transitions),
    fail_next_saves: settings.faults.failNextSaves,
    fault_status_message: settings.faults.statusMessage,
  };
}

export function settingsRepository(db: Kysely<Database>, memory: StoreMemory): SettingsRepository {
  const read = async (): Promise<ServerSettings> => {
    const row = await db.selectFrom("settings").selectAll().where("id", "=", ROW).executeTakeFirstOrThrow();
    return {
      transitions: row.transitions,
      faults: { failNextSaves: row.fail_next_saves, statusMessage: row.fault_status_message },
    };
  };
  return {
    get: () => memory.heldSettings(read),
    async setTransitions(transitions) {
      await db
        .updateTable("settings")
        .set({ transitions: JSON.stringify(transitions) })
        .where("id", "=", ROW)
        .execute();
      memory.forget();
    },
    async setFaults(faults) {
      await db
        .updateTable("settings")
        .set({ fail_next_saves: faults.failNextSaves, fault_status_message: faults.statusMessage })
        .where("id", "=", ROW)
        .execute();
      memory.forget();
    },
    async takeFault() {
      // One statement: the row lock makes concurrent saves take the pending faults one each.
      const row = await db
        .updateTable("settings")
        .set((eb) => ({ fail_next_saves: eb("fail_next_saves", "-", 1) }))
        .where("id", "=", ROW)
        .where("fail_next_saves", ">", 0)
        .returning("fault_status_message")
        .executeTakeFirst();
      memory.forget();
      return row?.fault_status_message;
    },
  };
}
