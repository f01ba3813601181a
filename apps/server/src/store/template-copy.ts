// A new data dir's cluster, copied from the template (template.ts makes and finds it). Apart from
// template.ts so that the PGlite thread, which makes the copy before it opens the cluster, loads
// none of what building a template needs (Kysely, the migrations).
import { randomUUID } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * PostgreSQL needs its empty directories (pg_notify, pg_logical/snapshots…), but a package tarball
 * (npm pack, pnpm deploy) keeps only files: the template lists its directories beside its cluster
 * in this file, and a copy makes them.
 */
export const DIRECTORIES = "pgdata-directories.json";

/**
 * Fills `pgdata` from the template cluster `source`, unless it exists. Copied aside and renamed, so
 * that a crash halfway leaves no half cluster to open next time.
 */
export function copyTemplate(source: string, pgdata: string): void {
  if (existsSync(pgdata)) return;
  const partial = `${pgdata}.partial-${randomUUID()}`;
  try {
    cpSync(source, partial, { recursive: true, errorOnExist: true, force: false });
    const directories = JSON.parse(readFileSync(join(dirname(source), DIRECTORIES), "utf8")) as string[];
    for (const directory of directories) mkdirSync(join(partial, directory), { recursive: true });
    renameSync(partial, pgdata);
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}
