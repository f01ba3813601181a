// Starts the server the way the tests need it. Until the store layer lands, on the throwaway
// in-memory port; then on startServer() itself.
import { type RunningServer, type ServerOptions, startServerWith } from "../../src/server.js";
import { openMemoryStore } from "./memory-store.js";

export const startTestServer = (options: ServerOptions): Promise<RunningServer> =>
  startServerWith(options, { openStore: openMemoryStore });
