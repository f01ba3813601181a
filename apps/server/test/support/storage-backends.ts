// The backends every storage test runs on: PGlite in memory, PGlite in a data dir, and a database of
// its own on the run's PostgreSQL server (postgres-global-setup.ts; never skipped: a machine without
// PostgreSQL fails the run, saying how to install it).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach } from "vitest";
import type { ServerSettings, StorePort } from "../../src/domain/store-port.js";
import { openStore } from "../../src/store/open-store.js";
import { postgresDatabase } from "./postgres.js";

export const DEFAULTS: ServerSettings = {
  transitions: { mode: "immediate" },
  faults: { failNextSaves: 0, statusMessage: "" },
};

export interface Backend {
  name: string;
  /** An empty store with these settings; closed and removed after the file's tests. */
  open(defaults?: ServerSettings): Promise<StorePort>;
}

/**
 * Registers the hooks that close this test file's stores and remove their dirs; returns the backends.
 * A test's first open() gets the backend's one store of this file, emptied by reset(): starting a
 * PGlite takes about 0.4 s (more than most of these tests), and a file's tests used to open ~20. A
 * second open() in the same test opens a store of its own, so that no test shares one by mistake.
 */
export function storageBackends(): Backend[] {
  const opened: StorePort[] = [];
  const dirs: string[] = [];
  const handedOut = new Set<string>();
  beforeEach(() => {
    handedOut.clear();
  });
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const backend = (name: string, openNew: (defaults: ServerSettings) => Promise<StorePort>): Backend => {
    let shared: Promise<StorePort> | undefined;
    const track = async (store: Promise<StorePort>) => {
      opened.push(await store);
      return store;
    };
    return {
      name,
      async open(defaults = DEFAULTS) {
        if (handedOut.has(name)) return track(openNew(defaults));
        handedOut.add(name);
        if (shared === undefined) {
          shared = track(openNew(defaults));
          return shared;
        }
        const store = await shared;
        await store.reset(defaults);
        return store;
      },
    };
  };
  return [
    backend("PGlite in memory", (defaults) => openStore({ inMemory: true, defaults })),
    backend("PGlite data dir", (defaults) => {
      const dir = mkdtempSync(join(tmpdir(), "notebook-image-store-test-"));
      dirs.push(dir);
      return openStore({ dataDir: dir, defaults });
    }),
    backend("PostgreSQL", async (defaults) => openStore({ databaseUrl: await postgresDatabase(), defaults })),
  ];
}
