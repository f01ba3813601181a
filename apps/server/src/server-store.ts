// The store a server's options name, opened apart from the rest of the server so that it can be
// started first: PGlite's asynchronous start (reading its files, compiling its WebAssembly) overlaps
// the loading of fastify, Ajv and the spec (the bin imports those only after this has begun).
import type { OpenStore, ServerSettings, StorePort } from "./domain/store-port.js";
import { DEFAULT_TRANSITIONS } from "./domain/transitions.js";
import type { ServerOptions } from "./server.js";

/** The settings a new database starts from, and the control API's reset returns to. */
export function serverDefaults(options: ServerOptions): ServerSettings {
  return {
    transitions: options.transitions ?? DEFAULT_TRANSITIONS,
    faults: { failNextSaves: 0, statusMessage: "" },
  };
}

/** Opens PostgreSQL (databaseUrl), PGlite in dataDir, or (neither given) PGlite in memory. */
export function openServerStore(options: ServerOptions, openStore: OpenStore): Promise<StorePort> {
  return openStore({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    inMemory: options.inMemory ?? (options.dataDir === undefined && options.databaseUrl === undefined),
    defaults: serverDefaults(options),
  });
}
