// The server's whole state as one document (the control document's ServerState): exported by
// GET /_control/state, loaded by POST /_control/state and the bin's --seed FILE. A document is
// checked whole before anything is changed: the schema (version, fields, rules) by the caller, the
// references between its parts here, so that a load either fits or changes nothing.
import type { components } from "@notebook-image/spec/control-types";
import type { Clock } from "../domain/clock.js";
import { newNotebook } from "../domain/seed.js";
import type { ImageRecord, NotebookRecord, StorePort } from "../domain/store-port.js";
import type { Engine } from "../engine/engine.js";
import { ControlError } from "./control-error.js";

export type ServerState = components["schemas"]["ServerState"];

/** The one version of the document this server writes and reads. */
export const STATE_VERSION = 1;

export async function exportState(store: StorePort): Promise<ServerState> {
  const running = await store.saveJobs.listUnfinished();
  if (running.length > 0) {
    throw new ControlError(
      409,
      `${running.length} save(s) in flight (images ${running.map((job) => job.imageId).join(", ")}): export once they end (POST /_control/images/{id}/advance moves one on).`,
    );
  }
  const [settings, namespaces, notebooks, images] = await Promise.all([
    store.settings.get(),
    store.namespaces.list(),
    store.notebooks.listAll(),
    store.images.listAll(),
  ]);
  return {
    version: STATE_VERSION,
    settings,
    namespaces,
    // The document has no lease: a loaded notebook gets the default one (newNotebook), as a seeded one does.
    notebooks: notebooks.map(({ steps, lease, ...notebook }) => {
      // The document holds settled notebooks only, as it holds finished saves only.
      if (steps.length > 0) {
        throw new ControlError(
          409,
          `The notebook ${notebook.id} is ${notebook.status}, on its way to ${steps.at(-1)?.status}: export once it gets there.`,
        );
      }
      return notebook;
    }),
    images: images.map(({ status, ...image }) => {
      // No save in flight, so every image is finished (a save ends ACTIVE or CREATE_FAILED).
      if (status !== "ACTIVE" && status !== "CREATE_FAILED") {
        throw new Error(`image ${image.id} is ${status} with no save in flight`);
      }
      return { ...image, status };
    }),
  };
}

/**
 * Replaces everything the store holds by the document's world. `state` has passed the schema
 * (defaults applied); what is refused here is what a schema cannot say, each problem named.
 */
export async function loadState(
  store: StorePort,
  engine: Engine,
  clock: Clock,
  state: ServerState,
  registryHost: string,
): Promise<void> {
  if (engine.notebooks) {
    throw new ControlError(
      409,
      `The ${engine.kind} engine's notebooks are containers: a state document can be loaded with the simulated engine only.`,
    );
  }
  const problems = referenceProblems(state);
  if (problems.length > 0) throw new ControlError(400, `The state does not fit: ${problems.join("; ")}.`);
  const now = clock.now();
  const notebooks: NotebookRecord[] = state.notebooks.map((given) => {
    const { createAt, updateAt, ...rest } = given;
    const base = newNotebook({ id: given.id, projectId: given.projectId }, registryHost, createAt ?? now);
    return { ...base, ...rest, createAt: createAt ?? now, updateAt: updateAt ?? createAt ?? now };
  });
  const images: ImageRecord[] = state.images.map((given) => ({
    // The schema's defaults filled every optional field but the times.
    ...(given as Required<typeof given>),
    createAt: given.createAt ?? now,
    updateAt: given.updateAt ?? given.createAt ?? now,
  }));
  await store.reset(state.settings);
  for (const name of state.namespaces) await store.namespaces.add(name);
  for (const notebook of notebooks) await store.notebooks.insert(notebook);
  for (const image of images) await store.images.insert(image);
}

/** Duplicates and dangling references, each named by where it is in the document. */
function referenceProblems(state: ServerState): string[] {
  const problems: string[] = [];
  const firstAt = new Map<string, string>();
  const once = (key: string, at: string, what: string) => {
    const first = firstAt.get(key);
    if (first === undefined) firstAt.set(key, at);
    else problems.push(`${at}: ${what} is ${first}'s already`);
  };
  state.notebooks.forEach((notebook, i) => {
    once(`notebook ${notebook.id}`, `notebooks[${i}]`, `the id ${notebook.id}`);
  });
  const namespaces = new Set(state.namespaces);
  const notebookIds = new Set(state.notebooks.map((notebook) => notebook.id));
  state.images.forEach((image, i) => {
    const at = `images[${i}]`;
    once(`image ${image.id}`, at, `the id ${image.id}`);
    const target = `${image.namespace}/${image.name}:${image.tag}`;
    once(`target ${target}`, at, target);
    if (!namespaces.has(image.namespace)) {
      problems.push(`${at}.namespace: ${image.namespace} is not one of the document's namespaces`);
    }
    if (image.notebookId != null && !notebookIds.has(image.notebookId)) {
      problems.push(`${at}.notebookId: ${image.notebookId} is not one of the document's notebooks`);
    }
  });
  return problems;
}
