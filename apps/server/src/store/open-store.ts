// openStore(): the server's StorePort on PGlite (a data dir or memory) or on PostgreSQL, one query
// layer (Kysely) and one set of migrations for both.
import { randomUUID } from "node:crypto";
import { existsSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { type Dialect, Kysely, PostgresDialect } from "kysely";
// pg is loaded when a PostgreSQL database is given: a server on PGlite never needs it (a faster start).
import type pg from "pg";
import type { OpenStore, ServerSettings, StorePort, StoreSession } from "../domain/store-port.js";
import { type DataDirLock, lockDataDir } from "./data-dir-lock.js";
import { ImageMemory } from "./image-memory.js";
import { imageRepository } from "./images.js";
import { INT8_OID, parseInt8 } from "./int8.js";
import { migrateToLatest } from "./migrations.js";
import { namespaceRepository } from "./namespaces.js";
import { notebookRepository } from "./notebooks.js";
import {
  IMAGES_CHANNEL,
  type Notices,
  pgliteNotices,
  postgresNotices,
  SAVE_DUE_CHANNEL,
  SETTINGS_CHANNEL,
} from "./notices.js";
import { PGliteDialect } from "./pglite-dialect.js";
import { pgliteOptions } from "./pglite-options.js";
import { preparingPool } from "./prepared-statements.js";
import { rememberImages } from "./remembered-images.js";
import { saveJobQueue } from "./save-jobs.js";
import type { Database } from "./schema.js";
import { seedSettings, settingsRepository, settingsRow } from "./settings.js";
import { withStatementLog } from "./statement-log.js";
import { StoreMemory } from "./store-memory.js";
import { copyTemplate, templateBlob } from "./template.js";

/** The PGlite cluster inside a data dir; the lock file sits beside it. */
export const PGDATA = "pgdata";
/** Connections per server to a PostgreSQL database. */
const POOL_SIZE = 10;

function session(db: Kysely<Database>, memory: StoreMemory): StoreSession {
  return {
    notebooks: notebookRepository(db),
    images: imageRepository(db),
    namespaces: namespaceRepository(db, memory),
    saveJobs: saveJobQueue(db),
    settings: settingsRepository(db, memory),
  };
}

async function openPGliteDir(dataDir: string): Promise<PGlite> {
  const pgdata = join(dataDir, PGDATA);
  if (!existsSync(pgdata)) {
    // Copied aside and renamed, so that a crash halfway leaves no half cluster to open next time.
    const partial = `${pgdata}.partial-${randomUUID()}`;
    try {
      await copyTemplate(partial);
      renameSync(partial, pgdata);
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
  }
  return PGlite.create(pgdata, pgliteOptions());
}

async function postgresPool(databaseUrl: string): Promise<pg.Pool> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: POOL_SIZE,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection that the server drops must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  return pool;
}

export const openStore: OpenStore = async (options) => {
  const chosen = [
    options.databaseUrl !== undefined,
    options.dataDir !== undefined,
    options.inMemory === true,
  ];
  if (chosen.filter(Boolean).length !== 1) {
    throw new Error("openStore: give exactly one of databaseUrl, dataDir or inMemory");
  }
  let lock: DataDirLock | undefined;
  let db: Kysely<Database> | undefined;
  let notices: Notices | undefined;
  const logged = (dialect: Dialect) =>
    options.onStatement ? withStatementLog(dialect, options.onStatement) : dialect;
  // PGlite's process owns its data (a locked data dir, or memory).
  let exclusive = false;
  try {
    if (options.databaseUrl !== undefined) {
      db = new Kysely<Database>({
        dialect: logged(
          new PostgresDialect({ pool: preparingPool(await postgresPool(options.databaseUrl)) }),
        ),
      });
    } else {
      let pglite: PGlite;
      if (options.dataDir !== undefined) {
        const dataDir = resolve(options.dataDir);
        lock = lockDataDir(dataDir);
        pglite = await openPGliteDir(dataDir);
      } else {
        pglite = await PGlite.create(pgliteOptions({ loadDataDir: await templateBlob() }));
      }
      exclusive = true;
      db = new Kysely<Database>({ dialect: logged(new PGliteDialect(pglite)) });
      notices = await pgliteNotices(pglite);
    }
    await migrateToLatest(db as Kysely<unknown>);
    await seedSettings(db, options.defaults);
    // Listened to once the triggers exist (the migrations made them).
    if (options.databaseUrl !== undefined) {
      notices = await postgresNotices({ connectionString: options.databaseUrl });
    }
    return storePort(db, notices as Notices, lock, exclusive);
  } catch (error) {
    await notices?.close();
    await db?.destroy();
    lock?.release();
    throw error;
  }
};

/**
 * `exclusive`: this process owns the database alone (PGlite). Images are held in memory on both
 * databases (image-memory.ts): on PostgreSQL only while the images' notices are listened to, which
 * they are when this is called (postgresNotices listens before it returns).
 */
function storePort(
  db: Kysely<Database>,
  notices: Notices,
  lock: DataDirLock | undefined,
  exclusive: boolean,
): StorePort {
  const memory = new StoreMemory();
  const images = new ImageMemory(exclusive, true);
  const stops = [
    notices.on(SETTINGS_CHANNEL, () => memory.forget()),
    notices.on(IMAGES_CHANNEL, (id) => images.touch(id)),
    notices.onListening((listening) => (listening ? images.arm() : images.disarm())),
  ];
  let closing: Promise<void> | undefined;
  return {
    ...rememberImages(session(db, memory), images),
    exclusive,
    // A transaction's reads are not held (it may roll back what they read), and what it wrote is
    // forgotten once it ends, committed or not (transactions are for tests and rare paths).
    transaction: (fn) =>
      db
        .transaction()
        .execute((trx) => fn(session(trx, memory)))
        .finally(() => images.forgetAll()),
    async reset(defaults: ServerSettings) {
      await db
        .transaction()
        .execute(async (trx) => {
          for (const table of ["save_jobs", "images", "notebooks", "namespaces", "settings"] as const) {
            await trx.deleteFrom(table).execute();
          }
          await trx.insertInto("settings").values(settingsRow(defaults)).execute();
        })
        .finally(() => images.forgetAll());
      memory.forget();
    },
    onSaveDue(listener) {
      return notices.on(SAVE_DUE_CHANNEL, (payload) =>
        listener(payload === "" ? undefined : Number(payload)),
      );
    },
    close() {
      closing ??= (async () => {
        for (const stop of stops) stop();
        await notices.close();
        await db.destroy();
      })().finally(() => lock?.release());
      return closing;
    },
  };
}
