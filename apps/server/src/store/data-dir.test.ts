// A new data dir is filled from the template (the template as the packed package ships it:
// packed-template.test.ts), with every migration in it. The data dir's lock with real processes:
// data-dir-lock.test.ts.
import { cpSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { DEFAULTS } from "../../test/support/storage-backends.js";
import { tempDirs } from "../../test/support/temp-dirs.js";
import { openStore, PGDATA } from "./open-store.js";
import { template } from "./template.js";

const newDir = tempDirs("notebook-image-data-dir-test-");

describe("a new data dir", () => {
  it("fills a new data dir from the template instead of running initdb", async () => {
    const dir = newDir();
    const store = await openStore({ dataDir: dir, defaults: DEFAULTS });
    await store.close();
    // initdb gives every cluster a new system identifier; a copy keeps the template's.
    const identifier = async (pgdata: string) => {
      const db = await PGlite.create(pgdata);
      try {
        return (
          await db.query<{ id: string }>("select system_identifier::text as id from pg_control_system()")
        ).rows[0]?.id;
      } finally {
        await db.close();
      }
    };
    const copy = await identifier(join(dir, PGDATA));
    expect(copy).toBeDefined();
    // Read from a copy of the template, so that the template itself is never opened for writing.
    const spare = newDir();
    cpSync((await template()).dataDir, join(spare, PGDATA), { recursive: true });
    expect(await identifier(join(spare, PGDATA))).toBe(copy);
  });

  it("opens a new data dir, and a store in memory, with the schema already made: the template holds every migration", async () => {
    for (const where of [{ dataDir: newDir() }, { inMemory: true }]) {
      const statements: string[] = [];
      const store = await openStore({
        ...where,
        defaults: DEFAULTS,
        onStatement: (sql) => statements.push(sql),
      });
      await store.close();
      // The record of migrations is still read (a data dir made from an older template gets what it
      // lacks), finds every one, and Kysely's Migrator (its lock, its introspection) is not started.
      expect(statements.some((sql) => /from kysely_migration/.test(sql))).toBe(true);
      expect(statements.filter((sql) => /kysely_migration_lock|pg_advisory|pg_catalog/.test(sql))).toEqual(
        [],
      );
      expect(
        statements.filter((sql) => /^\s*(create|alter|insert into "kysely_migration")/i.test(sql)),
      ).toEqual([]);
    }
  });

  it("makes a template every user can read and so copy (PGlite writes some files 0600)", async () => {
    const shipped = await template();
    const unreadable = readdirSync(shipped.dataDir, { recursive: true, withFileTypes: true })
      .map((entry) => join(entry.parentPath, entry.name))
      .filter((path) => (statSync(path).mode & 0o004) === 0);
    expect(unreadable).toEqual([]);
  });
});
