// Starts the server the way its users do, through the package's startServer() (PGlite in memory
// unless the options say otherwise).
import { startServer } from "../../src/index.js";
import type { RunningServer, ServerOptions } from "../../src/server.js";

export const startTestServer = (options: ServerOptions): Promise<RunningServer> => startServer(options);
