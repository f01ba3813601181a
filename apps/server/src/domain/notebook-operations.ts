// The operations of the API on notebook instances themselves: CreateNotebook, ListNotebooks,
// ShowNotebook, StartNotebook, StopNotebook, DeleteNotebook, UpdateNotebook and RenewLease. Start,
// stop, create and delete answer at once with the notebook in its transitional status (CREATING,
// STARTING, STOPPING, DELETING) and record the statuses to come (notebook-steps.ts); every read of
// a notebook applies those that are due. With an engine whose notebooks are containers (docker), the
// engine's work decides instead (container-work.ts), and a notebook's status is its container's
// (follow-engine.ts): `current` is the one place that says what a notebook is now.
import { randomUUID } from "node:crypto";
import type { components, operations } from "@notebook-image/spec/types";
import type { Engine } from "../engine/engine.js";
import type { BuiltInImage } from "./built-in-images.js";
import type { Clock } from "./clock.js";
import type { ContainerWork } from "./container-work.js";
import { followEngine } from "./follow-engine.js";
import { type LeaseInput, leaseFromNow, leaseInput } from "./notebook-lease.js";
import { plannedSteps, settleNotebook } from "./notebook-steps.js";
import {
  imageNotActive,
  imageNotFound,
  invalidParameter,
  notebookNotFound,
  refusalForAction,
  refusalForLease,
  refusalForUpdate,
} from "./refusals.js";
import type { NotebookRecord, NotebookStatus, StorePort } from "./store-port.js";

export type CreateNotebookRequest = components["schemas"]["CreateNotebookRequest"];
export type UpdateNotebookRequest = components["schemas"]["UpdateNotebookRequest"];

/** ListNotebooks' query, as validated against the spec, whose defaults give limit, offset and sort_dir. */
export type ListNotebooksInput = NonNullable<operations["ListNotebooks"]["parameters"]["query"]> & {
  limit: number;
  offset: number;
};

export interface NotebookServiceOptions {
  store: StorePort;
  clock: Clock;
  /** The engine whose containers, when it has notebooks (docker), give the notebooks' status. */
  engine: Engine;
  /** The catalogue of built-in images (built-in-images.ts) a notebook can be created from. */
  builtIn: readonly BuiltInImage[];
  /** Host part of swr_path (where a built-in image is pushed when the engine runs containers). */
  registryHost: string;
  /** The engine's work on notebook containers; undefined: the statuses follow the transitions mode. */
  containers?: ContainerWork | undefined;
}

/** What each operation sets now, and the statuses the notebook then reaches by itself. */
const ACTIONS = {
  create: { now: "CREATING", later: ["STARTING", "RUNNING"] },
  start: { now: "STARTING", later: ["RUNNING"] },
  stop: { now: "STOPPING", later: ["STOPPED"] },
  delete: { now: "DELETING", later: ["DELETED"] },
} as const satisfies Record<string, { now: NotebookStatus; later: NotebookStatus[] }>;

/**
 * The notebook operations bound to one store, clock and engine (each is a function of this module
 * taking the options first).
 */
export function createNotebookOperations(options: NotebookServiceOptions) {
  return {
    createNotebook: (projectId: string, request: CreateNotebookRequest) =>
      createNotebook(options, projectId, request),
    listNotebooks: (
      projectId: string,
      query: ListNotebooksInput,
      matches: (notebook: NotebookRecord) => boolean,
    ) => listNotebooks(options, projectId, query, matches),
    showNotebook: (projectId: string, id: string) => current(options, projectId, id),
    startNotebook: (projectId: string, id: string, lease?: LeaseInput) =>
      act(options, "start", projectId, id, lease),
    stopNotebook: (projectId: string, id: string) => act(options, "stop", projectId, id),
    deleteNotebook: (projectId: string, id: string) => act(options, "delete", projectId, id),
    updateNotebook: (projectId: string, id: string, request: UpdateNotebookRequest) =>
      updateNotebook(options, projectId, id, request),
    renewLease: (projectId: string, id: string, lease: LeaseInput) =>
      renewLease(options, projectId, id, lease),
  };
}

/** The steps an action plans (none when the engine's work decides when the notebook moves on). */
async function stepsOf(options: NotebookServiceOptions, action: keyof typeof ACTIONS, now: number) {
  if (options.containers) return [];
  const { transitions } = await options.store.settings.get();
  return plannedSteps(transitions, [...ACTIONS[action].later], now);
}

/** A stored notebook as it is now: its due steps applied, its container followed; undefined once deleted. */
async function settled(
  options: NotebookServiceOptions,
  stored: NotebookRecord,
): Promise<NotebookRecord | undefined> {
  const notebook = await settleNotebook(stored, options.store.notebooks, options.clock);
  return notebook && followEngine(notebook, options.engine, options.store.notebooks, options.clock);
}

/** The notebook as it is now, or 6309. */
async function current(
  options: NotebookServiceOptions,
  projectId: string,
  notebookId: string,
): Promise<NotebookRecord> {
  const stored = await options.store.notebooks.get(projectId, notebookId);
  const notebook = stored && (await settled(options, stored));
  if (!notebook) throw notebookNotFound(notebookId);
  return notebook;
}

async function imageToRun(options: NotebookServiceOptions, projectId: string, imageId: string) {
  const image =
    options.builtIn.find((candidate) => candidate.id === imageId) ??
    (await options.store.images.get(projectId, imageId));
  if (!image) throw imageNotFound(imageId);
  if (image.status !== "ACTIVE") throw imageNotActive(imageId, image.status);
  return image;
}

async function createNotebook(
  options: NotebookServiceOptions,
  projectId: string,
  request: CreateNotebookRequest,
): Promise<NotebookRecord> {
  const image = await imageToRun(options, projectId, request.image_id);
  const now = options.clock.now();
  const lease = leaseFromNow(now, now, leaseInput(request.duration, request.lease));
  const notebook: NotebookRecord = {
    id: randomUUID(),
    projectId,
    name: request.name,
    description: request.description ?? "",
    status: ACTIONS.create.now,
    failReason: null,
    flavor: request.flavor,
    workspaceId: request.workspace_id ?? "0",
    image: { id: image.id, name: image.name, swrPath: image.swrPath, type: image.type },
    steps: await stepsOf(options, "create", now),
    lease,
    createAt: now,
    updateAt: now,
  };
  await options.store.notebooks.insert(notebook);
  options.containers?.create(notebook, {
    type: image.type,
    swrPath: image.swrPath,
    target: {
      registryHost: options.registryHost,
      namespace: image.namespace,
      name: image.name,
      tag: image.tag,
    },
  });
  return notebook;
}

/**
 * StartNotebook, StopNotebook and DeleteNotebook: refused by the notebook's status, or begun. A
 * start gives the notebook a new lease (`lease`: the start's run time, by default 1 hour).
 */
async function act(
  options: NotebookServiceOptions,
  action: "start" | "stop" | "delete",
  projectId: string,
  notebookId: string,
  lease?: LeaseInput,
): Promise<NotebookRecord> {
  const notebook = await current(options, projectId, notebookId);
  const refusal = refusalForAction(notebook, action);
  if (refusal) throw refusal;
  const now = options.clock.now();
  const updated = await options.store.notebooks.update(notebook.id, {
    status: ACTIONS[action].now,
    failReason: null,
    steps: await stepsOf(options, action, now),
    ...(action === "start" ? { lease: leaseFromNow(notebook.createAt, now, lease) } : {}),
    updateAt: now,
  });
  if (!updated) throw notebookNotFound(notebookId);
  options.containers?.[action](updated);
  return updated;
}

async function listNotebooks(
  options: NotebookServiceOptions,
  projectId: string,
  query: ListNotebooksInput,
  matches: (notebook: NotebookRecord) => boolean,
): Promise<{ notebooks: NotebookRecord[]; total: number }> {
  const sortKeys = (query.sort_key ?? "create_at").split(",").map((key) => key.trim());
  for (const key of sortKeys) {
    if (!(SORT_KEYS as Set<string>).has(key))
      throw invalidParameter("sort_key", `unknown sort key "${key}"; use ${[...SORT_KEYS].join(", ")}`);
  }
  const found: NotebookRecord[] = [];
  for (const stored of await options.store.notebooks.list(projectId)) {
    const notebook = await settled(options, stored);
    if (notebook && matches(notebook)) found.push(notebook);
  }
  const direction = query.sort_dir === "ASC" ? 1 : -1;
  found.sort((a, b) => {
    for (const key of sortKeys) {
      const order = compareBy(key as SortKey, a, b);
      if (order !== 0) return order * direction;
    }
    return a.id.localeCompare(b.id) * direction;
  });
  return { notebooks: found.slice(query.offset, query.offset + query.limit), total: found.length };
}

/**
 * UpdateNotebook: the fields given change, on a stopped notebook (refusals.ts). A new image is
 * what the notebook runs from its next start; the other fields of the request that this server
 * has no use for (storage, endpoints, hooks…) are accepted and left as they are.
 */
async function updateNotebook(
  options: NotebookServiceOptions,
  projectId: string,
  notebookId: string,
  request: UpdateNotebookRequest,
): Promise<NotebookRecord> {
  const notebook = await current(options, projectId, notebookId);
  const refusal = refusalForUpdate(notebook);
  if (refusal) throw refusal;
  const image =
    request.image_id === undefined ? undefined : await imageToRun(options, projectId, request.image_id);
  if (image && options.containers && image.id !== notebook.image.id) {
    throw invalidParameter(
      "image_id",
      "the docker engine of this server runs a notebook's container from the image it was created from; create a new notebook from this image instead",
    );
  }
  const updated = await options.store.notebooks.update(notebook.id, {
    name: request.name,
    description: request.description,
    flavor: request.flavor,
    image: image && { id: image.id, name: image.name, swrPath: image.swrPath, type: image.type },
    updateAt: options.clock.now(),
  });
  if (!updated) throw notebookNotFound(notebookId);
  return updated;
}

/** RenewLease: a running notebook may run `lease`'s run time from now. */
async function renewLease(
  options: NotebookServiceOptions,
  projectId: string,
  notebookId: string,
  lease: LeaseInput,
): Promise<NotebookRecord> {
  const notebook = await current(options, projectId, notebookId);
  const refusal = refusalForLease(notebook);
  if (refusal) throw refusal;
  const now = options.clock.now();
  const updated = await options.store.notebooks.update(notebook.id, {
    lease: leaseFromNow(notebook.createAt, now, lease),
    updateAt: now,
  });
  if (!updated) throw notebookNotFound(notebookId);
  return updated;
}

/** The fields ListNotebooks' sort_key names. */
const SORT_KEYS = new Set(["create_at", "update_at", "name", "status"] as const);
type SortKey = "create_at" | "update_at" | "name" | "status";

function compareBy(key: SortKey, a: NotebookRecord, b: NotebookRecord): number {
  switch (key) {
    case "create_at":
      return a.createAt - b.createAt;
    case "update_at":
      return a.updateAt - b.updateAt;
    case "name":
      return a.name.localeCompare(b.name);
    case "status":
      return a.status.localeCompare(b.status);
  }
}
