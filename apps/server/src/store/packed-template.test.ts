// The template as the packed package ships it (pnpm pack, then tar): a data dir copied from it opens.
// On the default Node.js release only (not in vitest.node-releases.config.ts): packing and
// unpacking do the same on every release; the copy and PGlite on each release are data-dir-lock.test.ts's
// (each of its servers starts on a new dir, copied from the template).
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { tempDirs } from "../../test/support/temp-dirs.js";
import { PGDATA } from "./open-store.js";
import { copyTemplate } from "./template.js";

/** apps/server, the package that is packed. */
const packageDir = fileURLToPath(new URL("../..", import.meta.url));
const newDir = tempDirs("notebook-image-packed-template-test-");

describe("the packed template", () => {
  it("fills a data dir from the template of the packed package, as pnpm deploy and npm install ship it", async () => {
    // A package tarball is what the container image and users get (pnpm deploy packs by the same
    // rules): it keeps files only (no empty directories such as pg_notify), and the package's
    // `files` globs apply to the template too (a "!dist/**/*.map" once dropped PostgreSQL's
    // pg_filenode.map files, and the image's server did not start).
    const packDir = newDir();
    execFileSync("pnpm", ["pack", "--pack-destination", packDir], { cwd: packageDir, stdio: "ignore" });
    const [tarball] = readdirSync(packDir).filter((name) => name.endsWith(".tgz"));
    execFileSync("tar", ["-xzf", join(packDir, String(tarball)), "-C", packDir]);
    const packed = join(packDir, "package", "dist", "pglite-template");

    const dataDir = join(newDir(), PGDATA);
    await copyTemplate(dataDir, { dataDir: join(packed, "pgdata"), tarball: join(packed, "pgdata.tar") });
    const db = await PGlite.create(dataDir);
    try {
      expect((await db.query<{ one: number }>("select 1 as one")).rows).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });
});
