// Schema migrations, run at every open (Kysely's Migrator records the applied ones in
// kysely_migration and takes a lock, so replicas starting together on one PostgreSQL apply each
// once). Listed here rather than read from a folder, so that they work the same from src/ and dist/.
// Never edit a released migration: add the next one.
import { type Kysely, type Migration, type MigrationProvider, Migrator, type SqlBool, sql } from "kysely";
import { IMAGES_CHANNEL, SAVE_DUE_CHANNEL, SETTINGS_CHANNEL } from "./notices.js";

/** Phases after which a save job is over; the partial indexes below use the same predicate. */
const UNFINISHED = sql<SqlBool>`phase not in ('done', 'failed')`;

const migrations: Record<string, Migration> = {
  "0001-initial": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("notebooks")
        .addColumn("id", "text", (column) => column.primaryKey())
        .addColumn("project_id", "text", (column) => column.notNull())
        .addColumn("name", "text", (column) => column.notNull())
        .addColumn("description", "text", (column) => column.notNull())
        .addColumn("status", "text", (column) => column.notNull())
        .addColumn("fail_reason", "text")
        .addColumn("flavor", "text", (column) => column.notNull())
        .addColumn("workspace_id", "text", (column) => column.notNull())
        .addColumn("image", "jsonb", (column) => column.notNull())
        .addColumn("create_at", "int8", (column) => column.notNull())
        .addColumn("update_at", "int8", (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex("notebooks_by_project")
        .on("notebooks")
        .columns(["project_id", "create_at"])
        .execute();

      await db.schema
        .createTable("images")
        .addColumn("id", "text", (column) => column.primaryKey())
        .addColumn("project_id", "text", (column) => column.notNull())
        .addColumn("notebook_id", "text")
        .addColumn("name", "text", (column) => column.notNull())
        .addColumn("tag", "text", (column) => column.notNull())
        .addColumn("namespace", "text", (column) => column.notNull())
        .addColumn("description", "text")
        .addColumn("workspace_id", "text", (column) => column.notNull())
        .addColumn("status", "text", (column) => column.notNull())
        .addColumn("status_message", "text")
        .addColumn("swr_path", "text", (column) => column.notNull())
        .addColumn("size", "int8")
        .addColumn("arch", "text", (column) => column.notNull())
        .addColumn("origin", "text", (column) => column.notNull())
        .addColumn("type", "text", (column) => column.notNull())
        .addColumn("service_type", "text", (column) => column.notNull())
        .addColumn("visibility", "text", (column) => column.notNull())
        .addColumn("create_at", "int8", (column) => column.notNull())
        .addColumn("update_at", "int8", (column) => column.notNull())
        .execute();
      // SWR paths are global: one image per namespace, name and tag (create-image's 2884).
      await db.schema
        .createIndex("images_by_target")
        .on("images")
        .columns(["namespace", "name", "tag"])
        .unique()
        .execute();
      await db.schema
        .createIndex("images_by_project")
        .on("images")
        .columns(["project_id", "update_at"])
        .execute();

      await db.schema
        .createTable("namespaces")
        .addColumn("name", "text", (column) => column.primaryKey())
        .execute();

      await db.schema
        .createTable("save_jobs")
        .addColumn("id", "text", (column) => column.primaryKey())
        .addColumn("image_id", "text", (column) => column.notNull())
        .addColumn("notebook_id", "text", (column) => column.notNull())
        .addColumn("project_id", "text", (column) => column.notNull())
        .addColumn("phase", "text", (column) => column.notNull())
        .addColumn("local_ref", "text")
        .addColumn("size", "int8")
        .addColumn("failure", "text")
        .addColumn("faulted", "boolean", (column) => column.notNull())
        .addColumn("due_at", "int8")
        .addColumn("claimed_by", "text")
        .addColumn("lease_until", "int8")
        .addColumn("attempts", "int4", (column) => column.notNull().defaultTo(0))
        .addColumn("created_at", "int8", (column) => column.notNull())
        .addColumn("updated_at", "int8", (column) => column.notNull())
        .execute();
      // At most one unfinished save per notebook, whatever the number of replicas (6357/2880).
      await db.schema
        .createIndex("save_jobs_one_active_per_notebook")
        .on("save_jobs")
        .column("notebook_id")
        .unique()
        .where(UNFINISHED)
        .execute();
      await db.schema
        .createIndex("save_jobs_due")
        .on("save_jobs")
        .columns(["due_at", "created_at"])
        .where(UNFINISHED)
        .execute();
      await db.schema.createIndex("save_jobs_by_image").on("save_jobs").column("image_id").execute();

      await db.schema
        .createTable("settings")
        .addColumn("id", "int4", (column) => column.primaryKey().check(sql`id = 1`))
        .addColumn("transitions", "jsonb", (column) => column.notNull())
        .addColumn("fail_next_saves", "int4", (column) => column.notNull().check(sql`fail_next_saves >= 0`))
        .addColumn("fault_status_message", "text", (column) => column.notNull())
        .execute();
    },
  },
  // An image's description as a JSON string literal (see store/images.ts), so that any text the API
  // allows is kept exactly, U+0000 and lone surrogates included.
  "0002-image-description-as-json": {
    async up(db: Kysely<unknown>) {
      await sql`update images set description = to_json(description)::text where description is not null`.execute(
        db,
      );
    },
  },
  "0003-save-notices": {
    async up(db: Kysely<unknown>) {
      // A save's engine work is one phase now (its steps are idempotent by job id: a resumed commit
      // finds its snapshot, a second push finds the registry's layers): the old step phases resume as it.
      await sql`update save_jobs set phase = 'saving' where phase in ('committing', 'committed', 'pushing', 'pushed')`.execute(
        db,
      );
      // Whoever listens (every server's worker, on PGlite and on PostgreSQL alike) hears when a job
      // can be claimed and at what time, instead of polling for it: on insert, when its due time
      // changes, and when a worker gives it back. The payload is the due time in ms.
      await sql`
        create function notify_save_due() returns trigger language plpgsql as $$
        begin
          if new.due_at is not null and new.claimed_by is null and new.phase not in ('done', 'failed')
             and (tg_op = 'INSERT' or old.due_at is distinct from new.due_at or old.claimed_by is not null) then
            perform pg_notify('${sql.raw(SAVE_DUE_CHANNEL)}', new.due_at::text);
          end if;
          return null;
        end $$`.execute(db);
      await sql`
        create trigger save_jobs_notify_due after insert or update on save_jobs
        for each row execute function notify_save_due()`.execute(db);
      // Settings and namespaces are held in memory by each server; a change, wherever it is made, says so.
      await sql`
        create function notify_settings_changed() returns trigger language plpgsql as $$
        begin
          perform pg_notify('${sql.raw(SETTINGS_CHANNEL)}', tg_table_name);
          return null;
        end $$`.execute(db);
      for (const table of ["settings", "namespaces"]) {
        await sql`
          create trigger ${sql.raw(`${table}_notify_changed`)} after insert or update or delete on ${sql.table(table)}
          for each statement execute function notify_settings_changed()`.execute(db);
      }
    },
  },
  // The statuses a notebook reaches by itself after CreateNotebook, StartNotebook… (NotebookStep).
  "0002-notebook-steps": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("notebooks")
        .addColumn("steps", "jsonb", (column) => column.notNull().defaultTo(sql`'[]'::jsonb`))
        .execute();
    },
  },
  // The automatic stop a notebook was given (CreateNotebook, StartNotebook, RenewLease): NotebookLease.
  "0003-notebook-lease": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("notebooks")
        .addColumn("lease", "jsonb", (column) =>
          column.notNull().defaultTo(sql`'{"duration": 3600000, "type": "TIMING"}'::jsonb`),
        )
        .execute();
    },
  },
  // Every server on PostgreSQL holds images in memory (image-memory.ts): an image changed, by any
  // of them, says so, in the transaction that changes it (a notice is delivered at its commit, and
  // never for a rollback). A trigger rather than a pg_notify in each write: every path that writes
  // images (the API's, the save's steps, a reset, psql) tells of it without remembering to, and no
  // statement is added. One notice per row; PostgreSQL sends one per id and transaction.
  "0004-image-notices": {
    async up(db: Kysely<unknown>) {
      await sql`
        create function notify_image_changed() returns trigger language plpgsql as $$
        begin
          perform pg_notify('${sql.raw(IMAGES_CHANNEL)}', coalesce(new.id, old.id));
          return null;
        end $$`.execute(db);
      await sql`
        create trigger images_notify_changed after insert or update or delete on images
        for each row execute function notify_image_changed()`.execute(db);
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Every migration, by name: what a database made by them all holds (the PGlite template is stamped with it). */
export const MIGRATION_NAMES: readonly string[] = Object.keys(migrations).sort();

/**
 * Brings the schema up to date; throws with the failing migration's name and error. A database that
 * records every migration already (a restart, a data dir copied from the template) is left as it is
 * after one look at kysely_migration: Kysely's Migrator would first introspect every table and take
 * its lock, ten statements and a sixth of a start on PGlite.
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  if (await hasEveryMigration(db)) return;
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((result) => result.status === "Error")?.migrationName ?? "(none started)";
  throw new Error(
    `database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error },
  );
}

/** kysely_migration (the Migrator's record of what it applied) lists every migration of this release. */
async function hasEveryMigration(db: Kysely<unknown>): Promise<boolean> {
  const table = await sql<{
    present: boolean;
  }>`select to_regclass('kysely_migration') is not null as present`.execute(db);
  if (table.rows[0]?.present !== true) return false;
  const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const names = new Set(applied.rows.map((row) => row.name));
  return MIGRATION_NAMES.every((name) => names.has(name));
}
