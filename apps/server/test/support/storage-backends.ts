// The backends every storage test runs on: PGlite in memory, PGlite in a data dir, and a real
// PostgreSQL server that the harness starts in a temporary directory (never skipped: a machine
// without PostgreSQL fails these tests, saying how to install it).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type PostgresServer, startPostgres } from "@notebook-image/test-postgres";
import { afterAll, beforeAll } from "vitest";
import type { ServerSettings, StorePort } from "../../src/domain/store-port.js";
import { openStore } from "../../src/store/open-store.js";

export const DEFAULTS: ServerSettings = {
  transitions: { mode: "immediate" },
  faults: { failNextSaves: 0, statusMessage: "" },
};

export interface Backend {
  name: string;
  /** A new, empty store; closed and removed after the file's tests. */
  open(defaults?: ServerSettings): Promise<StorePort>;
}

/** Registers the hooks that start PostgreSQL for this test file and clean up; returns the backends. */
export function storageBackends(): Backend[] {
  let postgres: PostgresServer | undefined;
  const opened: StorePort[] = [];
  const dirs: string[] = [];
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await postgres?.close();
  });
  const track = async (store: Promise<StorePort>) => {
    opened.push(await store);
    return store;
  };
  return [
    {
      name: "PGlite in memory",
      open: (defaults = DEFAULTS) => track(openStore({ inMemory: true, defaults })),
    },
    {
      name: "PGlite data dir",
      open: (defaults = DEFAULTS) => {
        const dir = mkdtempSync(join(tmpdir(), "notebook-image-store-test-"));
        dirs.push(dir);
        return track(openStore({ dataDir: dir, defaults }));
      },
    },
    {
      name: "PostgreSQL",
      open: async (defaults = DEFAULTS) => {
        if (!postgres) throw new Error("PostgreSQL did not start");
        return track(openStore({ databaseUrl: await postgres.createDatabase(), defaults }));
      },
    },
  ];
}
