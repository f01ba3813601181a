// @notebook-image/server: the public API of the package.
import { type RunningServer, type ServerOptions, startServerWith } from "./server.js";
import { openServerStore } from "./server-store.js";
import { openStore } from "./store/index.js";

export {
  type ControlClient,
  type ControlClientOptions,
  type ControlHealth,
  type ControlNotebook,
  ControlRequestError,
  type ControlRequestLog,
  createControlClient,
  type FaultSettings,
  type NewNotebook,
  type TemporaryCredential,
  type TransitionSettings,
} from "./control/control-client.js";
export { DEV_NAMESPACE, DEV_NOTEBOOK_ID, DEV_PROJECT_ID } from "./domain/seed.js";
export type {
  Engine,
  EngineFailure,
  EngineNotebook,
  EngineStepContext,
  ImageTarget,
} from "./engine/engine.js";
export { EngineError } from "./engine/engine.js";
export { type AccessKeyPair, DEV_CREDENTIALS, type RunningServer, type ServerOptions } from "./server.js";

/**
 * Starts the server: resolves once it listens (port 0, the default, picks a free port; see `url`).
 * State is in memory unless `dataDir` or `databaseUrl` says otherwise.
 */
export function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  return startServerWith(options, { store: openServerStore(options, openStore) });
}
