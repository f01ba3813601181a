// A fresh PGlite database without initdb. initdb in PGlite takes 4–5 s and peaks near 800 MiB;
// copying a cluster that initdb made once takes milliseconds. The build puts one in
// dist/pglite-template/ (see build-template.ts); when it is missing (tests run from src/) one is made
// on first use in the temporary directory and shared by every later open on this machine.
import { randomUUID } from "node:crypto";
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
import { pgliteOptions } from "./pglite-options.js";

const require = createRequire(import.meta.url);
const DATA = "pgdata";
const TARBALL = "pgdata.tar";
const STAMP = "pglite-version";
// PostgreSQL needs its empty directories (pg_notify, pg_logical/snapshots…), but a package tarball
// (npm pack, pnpm deploy) keeps only files: the template lists its directories, and a copy makes them.
const DIRECTORIES = "pgdata-directories.json";

export interface Template {
  /** A data directory as initdb leaves it, to copy into an empty data dir. */
  dataDir: string;
  /** The same as a tar (PGlite's dumpDataDir), for an in-memory database (loadDataDir). */
  tarball: string;
}

/** The template a data directory of this PGlite version is made from. */
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

function isComplete(dir: string, version: string): boolean {
  const stamp = join(dir, STAMP);
  return (
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === version &&
    existsSync(join(dir, TARBALL)) &&
    existsSync(join(dir, DIRECTORIES))
  );
}

/**
 * Makes a template in dir (replacing what is there). Built aside and renamed into place, so that a
 * reader never sees half a template and two processes making one at once both end with a whole one.
 */
export async function buildTemplate(dir: string): Promise<Template> {
  const version = pgliteVersion();
  const work = `${dir}.building-${process.pid}-${randomUUID()}`;
  try {
    mkdirSync(work, { recursive: true });
    const db = await PGlite.create(join(work, DATA), pgliteOptions());
    const tarball = await db.dumpDataDir("none");
    await db.close();
    writeFileSync(join(work, TARBALL), Buffer.from(await tarball.arrayBuffer()));
    writeFileSync(join(work, DIRECTORIES), JSON.stringify(directoriesOf(join(work, DATA))));
    readableByAll(join(work, DATA));
    writeFileSync(join(work, STAMP), version);
    try {
      renameSync(work, dir);
    } catch {
      // Someone else finished one first: keep theirs. An incomplete one (left by an older release,
      // or a crash) is replaced.
      if (!isComplete(dir, version)) {
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
  const version = pgliteVersion();
  for (const dir of [shippedTemplateDir(), join(tmpdir(), `notebook-image-server-pglite-${version}`)]) {
    if (isComplete(dir, version)) return { dataDir: join(dir, DATA), tarball: join(dir, TARBALL) };
  }
  return buildTemplate(join(tmpdir(), `notebook-image-server-pglite-${version}`));
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
