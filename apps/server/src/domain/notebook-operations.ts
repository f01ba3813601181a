// The operations of the API on notebook instances themselves: CreateNotebook, ListNotebooks,
// StartNotebook, StopNotebook and DeleteNotebook. Each answers at once with the notebook in its
// transitional status (CREATING, STARTING, STOPPING, DELETING) and records the statuses to come
// (notebook-steps.ts); every read of a notebook applies those that are due. With an engine whose
// notebooks are containers (docker), the engine's work decides instead (container-work.ts).
import { randomUUID } from "node:crypto";
import type { components, operations } from "@notebook-image/spec/types";
import type { BuiltInImage } from "./built-in-images.js";
import type { Clock } from "./clock.js";
import type { ContainerWork } from "./container-work.js";
import { plannedSteps, settleNotebook } from "./notebook-steps.js";
import {
  imageNotActive,
  imageNotFound,
  invalidParameter,
  notebookNotFound,
  refusalForAction,
} from "./refusals.js";
import type { NotebookRecord, NotebookStatus, StorePort } from "./store-port.js";

export type CreateNotebookRequest = components["schemas"]["CreateNotebookRequest"];

/** ListNotebooks' query, as validated against the spec, whose defaults give limit, offset and sort_dir. */
export type ListNotebooksInput = NonNullable<operations["ListNotebooks"]["parameters"]["query"]> & {
  limit: number;
  offset: number;
};

export interface NotebookServiceOptions {
  store: StorePort;
  clock: Clock;
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

export function createNotebookOperations(options: NotebookServiceOptions) {
  const { store, clock, containers } = options;

  /** The steps an action plans (none when the engine's work decides when the notebook moves on). */
  async function stepsOf(action: keyof typeof ACTIONS, now: number) {
    if (containers) return [];
    const { transitions } = await store.settings.get();
    return plannedSteps(transitions, [...ACTIONS[action].later], now);
  }

  /** The notebook as it is now (its due steps applied), or 6309. */
  async function current(projectId: string, notebookId: string): Promise<NotebookRecord> {
    const stored = await store.notebooks.get(projectId, notebookId);
    const notebook = stored && (await settleNotebook(stored, store.notebooks, clock));
    if (!notebook) throw notebookNotFound(notebookId);
    return notebook;
  }

  async function imageToRun(projectId: string, imageId: string) {
    const image =
      options.builtIn.find((candidate) => candidate.id === imageId) ??
      (await store.images.get(projectId, imageId));
    if (!image) throw imageNotFound(imageId);
    if (image.status !== "ACTIVE") throw imageNotActive(imageId, image.status);
    return image;
  }

  async function createNotebook(projectId: string, request: CreateNotebookRequest): Promise<NotebookRecord> {
    const image = await imageToRun(projectId, request.image_id);
    const now = clock.now();
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
      steps: await stepsOf("create", now),
      createAt: now,
      updateAt: now,
    };
    await store.notebooks.insert(notebook);
    containers?.create(notebook, {
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

  /** StartNotebook, StopNotebook and DeleteNotebook: refused by the notebook's status, or begun. */
  async function act(
    action: "start" | "stop" | "delete",
    projectId: string,
    notebookId: string,
  ): Promise<NotebookRecord> {
    const notebook = await current(projectId, notebookId);
    const refusal = refusalForAction(notebook, action);
    if (refusal) throw refusal;
    const now = clock.now();
    const updated = await store.notebooks.update(notebook.id, {
      status: ACTIONS[action].now,
      failReason: null,
      steps: await stepsOf(action, now),
      updateAt: now,
    });
    if (!updated) throw notebookNotFound(notebookId);
    containers?.[action](updated);
    return updated;
  }

  async function listNotebooks(
    projectId: string,
    query: ListNotebooksInput,
    matches: (notebook: NotebookRecord) => boolean,
  ): Promise<{ notebooks: NotebookRecord[]; total: number }> {
    const sortKeys = (query.sort_key ?? "create_at").split(",").map((key) => key.trim());
    for (const key of sortKeys) {
      if (!(SORT_KEYS as Set<string>).has(key))
        throw invalidParameter("sort_key", `unknown sort key "${key}"; use ${[...SORT_KEYS].join(", ")}`);
    }
    const settled: NotebookRecord[] = [];
    for (const stored of await store.notebooks.list(projectId)) {
      const notebook = await settleNotebook(stored, store.notebooks, clock);
      if (notebook && matches(notebook)) settled.push(notebook);
    }
    const direction = query.sort_dir === "ASC" ? 1 : -1;
    settled.sort((a, b) => {
      for (const key of sortKeys) {
        const order = compareBy(key as SortKey, a, b);
        if (order !== 0) return order * direction;
      }
      return a.id.localeCompare(b.id) * direction;
    });
    return { notebooks: settled.slice(query.offset, query.offset + query.limit), total: settled.length };
  }

  return {
    createNotebook,
    listNotebooks,
    showSettledNotebook: current,
    startNotebook: (projectId: string, id: string) => act("start", projectId, id),
    stopNotebook: (projectId: string, id: string) => act("stop", projectId, id),
    deleteNotebook: (projectId: string, id: string) => act("delete", projectId, id),
  };
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
