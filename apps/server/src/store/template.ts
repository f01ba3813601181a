// A fresh PGlite database without initdb and without its migrations. initdb in PGlite takes 4–5 s
// and peaks near 800 MiB, and the migrations took a third of a start on an empty data dir; copying a
// cluster made and migrated once takes milliseconds. The build puts one in dist/pglite-template/
// (see build-template.ts); when it is missing (tests run from src/) one is made on first use in the
// temporary directory and shared by every later open on this machine.
import { createHash, randomUUID } from "node:crypto";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  openAsBlob,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely } from "kysely";
import { MIGRATION_NAMES, migrateToLatest } from "./migrations.js";
import { PGliteDialect } from "./pglite-dialect.js";
import { pgliteOptions } from "./pglite-options.js";

const require = createRequire(import.meta.url);
const DATA = "pgdata";
const TARBALL = "pgdata.tar";
const STAMP = "pglite-version";
// PostgreSQL needs its empty directories (pg_notify, pg_logical/snapshots…), but a package tarball
// (npm pack, pnpm deploy) keeps only files: the template lists its directories, and a copy makes them.
const DIRECTORIES = "pgdata-directories.json";
/**
 * PostgreSQL's WAL comes in segments of a size fixed by initdb, 16 MB by default; the template holds
 * at least the one its last checkpoint is in, and a new data dir copies it. Segments of 1 MB (the
 * smallest) made the template 29 MB instead of 39 MB; a server writes the same WAL either way, in
 * more files.
 */
const WAL_SEGMENT_MB = 1;

export interface Template {
  /** A data directory as initdb leaves it, to copy into an empty data dir. */
  dataDir: string;
  /** The same as a tar (PGlite's dumpDataDir), for an in-memory database (loadDataDir). */
  tarball: string;
}

/** The PGlite version a data directory is made with. */
export function pgliteVersion(): string {
  // The package does not export its package.json; its entry point lives in dist/.
  const entry = require.resolve("@electric-sql/pglite");
  const manifest = JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

/** dist/pglite-template/ of this package, where the build puts the template. */
export function shippedTemplateDir(): string {
  return join(dirname(require.resolve("@notebook-image/server/package.json")), "dist", "pglite-template");
}

/**
 * What a template is made of: the PGlite version that made it and the migrations it holds. A template
 * stamped otherwise is not used (released migrations are never edited, so their names say which).
 */
function templateStamp(): string {
  return JSON.stringify({ pglite: pgliteVersion(), migrations: MIGRATION_NAMES });
}

function isComplete(dir: string, stamp: string): boolean {
  const stampFile = join(dir, STAMP);
  return (
    existsSync(stampFile) &&
    readFileSync(stampFile, "utf8") === stamp &&
    existsSync(join(dir, TARBALL)) &&
    existsSync(join(dir, DIRECTORIES))
  );
}

/**
 * Makes a template in dir (replacing what is there). Built aside and renamed into place, so that a
 * reader never sees half a template and two processes making one at once both end with a whole one.
 */
export async function buildTemplate(dir: string): Promise<Template> {
  const stamp = templateStamp();
  const work = `${dir}.building-${process.pid}-${randomUUID()}`;
  try {
    mkdirSync(work, { recursive: true });
    const tarball = await migratedCluster(join(work, DATA));
    writeFileSync(join(work, TARBALL), Buffer.from(await tarball.arrayBuffer()));
    writeFileSync(join(work, DIRECTORIES), JSON.stringify(directoriesOf(join(work, DATA))));
    readableByAll(join(work, DATA));
    writeFileSync(join(work, STAMP), stamp);
    try {
      renameSync(work, dir);
    } catch {
      // Someone else finished one first: keep theirs. An incomplete or outdated one (left by an
      // older release, or a crash) is replaced.
      if (!isComplete(dir, stamp)) {
        rmSync(dir, { recursive: true, force: true });
        renameSync(work, dir);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { dataDir: join(dir, DATA), tarball: join(dir, TARBALL) };
}

/**
 * initdb and every migration in pgdata, shut down cleanly (so that a copy opens without recovery);
 * answers the same cluster as a tar (PGlite's dumpDataDir).
 */
async function migratedCluster(pgdata: string): Promise<Blob> {
  const pglite = await PGlite.create(
    pgdata,
    pgliteOptions({ initDbStartParams: [`--wal-segsize=${WAL_SEGMENT_MB}`] }),
  );
  const db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) });
  try {
    await migrateToLatest(db);
    // A checkpoint first, so that the tar, too, opens without replaying the migrations' WAL.
    await pglite.exec("checkpoint");
    return await pglite.dumpDataDir("none");
  } finally {
    // Closing PGlite ends with a shutdown checkpoint. Kysely closes it only if it sent a statement.
    await db.destroy();
    if (!pglite.closed) await pglite.close();
  }
}

/**
 * PGlite writes some files 0600; the template is read by whoever runs the package, not always its
 * owner (the container image's `node` user copies a template root built). A copy keeps the modes.
 */
function readableByAll(root: string): void {
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    chmodSync(path, statSync(path).mode | (entry.isDirectory() ? 0o555 : 0o444));
  }
}

/** Every directory below root, relative to it, parents first. */
function directoriesOf(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
}

let found: Promise<Template> | undefined;

/** The shipped template, or one made once per machine and PGlite version. */
export function template(): Promise<Template> {
  found ??= locate().catch((error: unknown) => {
    found = undefined;
    throw error;
  });
  return found;
}

async function locate(): Promise<Template> {
  const stamp = templateStamp();
  // Named by its stamp: checkouts with other migrations on this machine each keep their own.
  const digest = createHash("sha256").update(stamp).digest("hex").slice(0, 12);
  const machineWide = join(tmpdir(), `notebook-image-server-pglite-${pgliteVersion()}-${digest}`);
  for (const dir of [shippedTemplateDir(), machineWide]) {
    if (isComplete(dir, stamp)) return { dataDir: join(dir, DATA), tarball: join(dir, TARBALL) };
  }
  return buildTemplate(machineWide);
}

/** Fills an empty data directory from the template (the one this package ships or made, unless given). */
export async function copyTemplate(dataDir: string, from?: Template): Promise<void> {
  const { dataDir: source } = from ?? (await template());
  cpSync(source, dataDir, { recursive: true, errorOnExist: true, force: false });
  const directories = JSON.parse(readFileSync(join(dirname(source), DIRECTORIES), "utf8")) as string[];
  for (const directory of directories) mkdirSync(join(dataDir, directory), { recursive: true });
}

/**
 * The template as a blob for PGlite's loadDataDir (an in-memory database), backed by the file: no
 * copy of its 40 MB is read and held before PGlite reads it (every in-memory start paid that).
 */
export async function templateBlob(): Promise<Blob> {
  return openAsBlob((await template()).tarball);
}
