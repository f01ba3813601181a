// What the control API does (tests and demos drive the server with it): add notebooks and
// organizations, set a notebook's status, choose how time passes, advance a save by hand, make the
// next saves fail, reset everything. No HTTP here; control-routes.ts serves it.
import { randomUUID } from "node:crypto";
import type { components } from "@notebook-image/spec/control-types";
import type { Clock } from "../domain/clock.js";
import type { SaveWorker } from "../domain/save-worker.js";
import { newNotebook, type SeedOptions, seed } from "../domain/seed.js";
import type {
  FaultSettings,
  ImageRecord,
  NotebookStatus,
  ServerSettings,
  StorePort,
  TransitionSettings,
} from "../domain/store-port.js";
import type { Engine } from "../engine/engine.js";
import { ControlError } from "./control-error.js";
import { exportState, loadState, type ServerState } from "./server-state.js";

export { ControlError };

type Schemas = components["schemas"];

export interface ControlServiceOptions {
  store: StorePort;
  engine: Engine;
  clock: Clock;
  worker: SaveWorker;
  seed: SeedOptions;
  defaults: ServerSettings;
  /** Project of notebooks created without one. */
  defaultProjectId: string;
  /** How long POST /_control/images/{id}/advance waits for the step it asked for. */
  advanceTimeoutMs?: number;
}

export type ControlService = ReturnType<typeof createControlService>;

export function createControlService(options: ControlServiceOptions) {
  const { store, engine, clock, worker } = options;

  async function createNotebook(input: Schemas["NewNotebook"]) {
    const id = input.id ?? randomUUID();
    if (await store.notebooks.getById(id))
      throw new ControlError(409, `A notebook with id ${id} exists already.`);
    const projectId = input.project_id ?? options.defaultProjectId;
    if (input.image !== undefined) {
      if (!engine.notebooks) {
        throw new ControlError(400, `The ${engine.kind} engine runs no containers: leave out "image".`);
      }
      await engine.notebooks.create({ projectId, id, name: input.name, image: input.image });
    }
    const notebook = newNotebook(
      { id, projectId, name: input.name, status: input.status },
      options.seed.registryHost,
      clock.now(),
    );
    await store.notebooks.insert(notebook);
    return notebook;
  }

  async function setNotebookStatus(id: string, status: NotebookStatus) {
    const notebook = await store.notebooks.update(id, { status, steps: [], updateAt: clock.now() });
    if (!notebook) throw new ControlError(404, `There is no notebook ${id}.`);
    return notebook;
  }

  async function addNamespace(name: string) {
    await store.namespaces.add(name);
    return { name };
  }

  /**
   * Also moves the saves already waiting, so that switching to immediate never leaves one held (the
   * store's notices wake the workers for them).
   */
  async function setTransitions(transitions: TransitionSettings) {
    await store.settings.setTransitions(transitions);
    const now = clock.now();
    for (const job of await store.saveJobs.listUnfinished()) {
      if (transitions.mode === "immediate") await store.saveJobs.setDue(job.id, now, now);
      else if (transitions.mode === "time" && job.dueAt === null) {
        const delay = job.phase === "queued" ? transitions.creatingAfterMs : transitions.activeAfterMs;
        await store.saveJobs.setDue(job.id, now + delay, now);
      }
    }
    return transitions;
  }

  async function setFaults(faults: FaultSettings) {
    await store.settings.setFaults(faults);
    return faults;
  }

  /** Makes the image's next step (INIT → CREATING, CREATING → ACTIVE or CREATE_FAILED) due now; answers once it is taken. */
  async function advanceImage(imageId: string) {
    const job = await store.saveJobs.getByImage(imageId);
    const image = job ? await store.images.get(job.projectId, imageId) : undefined;
    if (!job || !image) throw new ControlError(404, `There is no saved image ${imageId}.`);
    if (job.phase === "done" || job.phase === "failed") {
      throw new ControlError(409, `The image ${imageId} is ${image.status}: it has no step left.`);
    }
    const changed = waitForChange(image);
    // The store's notice of it wakes the worker.
    await store.saveJobs.setDue(job.id, clock.now(), clock.now());
    return changed;
  }

  /** The image once its status differs from `before` (or as it stands when the wait times out). */
  function waitForChange(before: ImageRecord): Promise<ImageRecord> {
    const deadline = Date.now() + (options.advanceTimeoutMs ?? 10_000);
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const settle = (image: ImageRecord) => {
        unsubscribe();
        clearTimeout(timer);
        resolve(image);
      };
      const unsubscribe = worker.onImageChange((image) => {
        if (image.id === before.id && image.status !== before.status) settle(image);
      });
      // Another replica may take the step: look at the store too.
      const poll = () => {
        store.images
          .get(before.projectId, before.id)
          .then((image) => {
            if (!image) return reject(new ControlError(404, `The image ${before.id} was deleted.`));
            if (image.status !== before.status || Date.now() >= deadline) return settle(image);
            timer = setTimeout(poll, 100);
          })
          .catch(reject);
      };
      timer = setTimeout(poll, 100);
    });
  }

  async function reset() {
    await store.reset(options.defaults);
    await seed(store, clock, options.seed);
    return { reset: true } satisfies Schemas["ResetDone"];
  }

  /** Replaces everything by the document's world; answers with the state now held. */
  async function load(state: ServerState) {
    await loadState(store, engine, clock, state, options.seed.registryHost);
    return exportState(store);
  }

  async function health(): Promise<Schemas["Health"]> {
    const settings = await store.settings.get();
    return {
      status: "ok",
      engine: engine.kind,
      transitions: settings.transitions,
      faults: settings.faults,
      images: await store.images.count(),
      savesRunning: (await store.saveJobs.listUnfinished()).length,
    };
  }

  return {
    createNotebook,
    listNotebooks: () => store.notebooks.listAll(),
    setNotebookStatus,
    addNamespace,
    setTransitions,
    setFaults,
    advanceImage,
    reset,
    exportState: () => exportState(store),
    loadState: load,
    health,
  };
}
