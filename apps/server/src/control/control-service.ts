// What the control API does (tests and demos drive the server with it): add notebooks and
// organizations, accept temporary credentials, set a notebook's status, choose how time passes,
// advance a save by hand, make the next saves fail, reset everything. No HTTP here;
// control-routes.ts serves it. Each group of operations has its file; this one binds them to the
// server's parts.
import type { components } from "@notebook-image/spec/control-types";
import type { Clock } from "../domain/clock.js";
import type { SaveWorker } from "../domain/save-worker.js";
import { type SeedOptions, seed } from "../domain/seed.js";
import type {
  FaultSettings,
  NotebookStatus,
  ServerSettings,
  StorePort,
  TransitionSettings,
} from "../domain/store-port.js";
import type { Engine } from "../engine/engine.js";
import { ControlError } from "./control-error.js";
import { addTemporaryCredential, type CredentialsPort } from "./credential-control.js";
import { addNamespace, createNotebook, setNotebookStatus } from "./notebook-control.js";
import { exportState, loadState, type ServerState } from "./server-state.js";
import { advanceImage, setFaults, setTransitions } from "./time-control.js";

export { ControlError };

type Schemas = components["schemas"];

export interface ControlServiceOptions {
  store: StorePort;
  engine: Engine;
  clock: Clock;
  worker: SaveWorker;
  /** The gateway's credentials, which the control API adds temporary ones to. */
  credentials: CredentialsPort;
  seed: SeedOptions;
  defaults: ServerSettings;
  /** Project of notebooks created without one. */
  defaultProjectId: string;
  /** How long POST /_control/images/{id}/advance waits for the step it asked for. */
  advanceTimeoutMs?: number;
}

export type ControlService = ReturnType<typeof createControlService>;

export function createControlService(options: ControlServiceOptions) {
  const { store, engine, clock } = options;
  return {
    createNotebook: (input: Schemas["NewNotebook"]) => createNotebook(options, input),
    /** Every notebook instance, of every project. */
    listNotebooks: () => store.notebooks.listAll(),
    setNotebookStatus: (id: string, status: NotebookStatus) => setNotebookStatus(options, id, status),
    addNamespace: (name: string) => addNamespace(options, name),
    addTemporaryCredential: (input: Schemas["TemporaryCredential"]) =>
      addTemporaryCredential(options.credentials, input),
    setTransitions: (transitions: TransitionSettings) => setTransitions(options, transitions),
    setFaults: (faults: FaultSettings) => setFaults(options, faults),
    /** Makes the image's next step due now; answers once it is taken. */
    advanceImage: (imageId: string) => advanceImage(options, imageId),
    /** Back to the ready-to-use state: the store's defaults and seed, and no credential added since the start. */
    async reset() {
      await store.reset(options.defaults);
      await seed(store, clock, options.seed);
      options.credentials.forgetAdded();
      return { reset: true } satisfies Schemas["ResetDone"];
    },
    exportState: () => exportState(store),
    /** Replaces everything by the document's world; answers with the state now held. */
    async loadState(state: ServerState) {
      await loadState(store, engine, clock, state, options.seed.registryHost);
      return exportState(store);
    },
    async health(): Promise<Schemas["Health"]> {
      const settings = await store.settings.get();
      return {
        status: "ok",
        engine: engine.kind,
        transitions: settings.transitions,
        faults: settings.faults,
        images: await store.images.count(),
        savesRunning: (await store.saveJobs.listUnfinished()).length,
      };
    },
  };
}
