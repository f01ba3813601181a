// A throwaway StorePort in plain memory, for the server's tests until they run on the real store
// (src/store/). Transactions run one at a time and roll back by restoring a snapshot.
import {
  ActiveSaveExistsError,
  DuplicateImageError,
  type ImageRecord,
  type NotebookRecord,
  type OpenStore,
  type SaveJob,
  type ServerSettings,
  type StorePort,
  type StoreSession,
} from "../../src/domain/store-port.js";

interface State {
  notebooks: Map<string, NotebookRecord>;
  images: Map<string, ImageRecord>;
  namespaces: Set<string>;
  jobs: Map<string, SaveJob>;
  settings: ServerSettings;
}

const unfinished = (job: SaveJob) => job.phase !== "done" && job.phase !== "failed";

export const openMemoryStore: OpenStore = async ({ defaults }) => {
  let state: State = {
    notebooks: new Map(),
    images: new Map(),
    namespaces: new Set(),
    jobs: new Map(),
    settings: structuredClone(defaults),
  };
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const copy = <T>(value: T): T => structuredClone(value);

  const session: StoreSession = {
    notebooks: {
      get: async (projectId, id) => {
        const n = state.notebooks.get(id);
        return n && n.projectId === projectId ? copy(n) : undefined;
      },
      getForUpdate: async (projectId, id) => session.notebooks.get(projectId, id),
      getById: async (id) => copy(state.notebooks.get(id)),
      list: async (projectId) =>
        [...state.notebooks.values()].filter((n) => n.projectId === projectId).map(copy),
      insert: async (notebook) => {
        if (state.notebooks.has(notebook.id)) throw new Error(`duplicate notebook ${notebook.id}`);
        state.notebooks.set(notebook.id, copy(notebook));
      },
      update: async (id, patch) => {
        const n = state.notebooks.get(id);
        if (!n) return undefined;
        Object.assign(n, patch);
        return copy(n);
      },
    },
    images: {
      get: async (projectId, id) => {
        const i = state.images.get(id);
        return i && i.projectId === projectId ? copy(i) : undefined;
      },
      findByTarget: async (t) =>
        copy(
          [...state.images.values()].find(
            (i) => i.namespace === t.namespace && i.name === t.name && i.tag === t.tag,
          ),
        ),
      list: async (q) => {
        const matches = [...state.images.values()].filter(
          (i) =>
            i.projectId === q.projectId &&
            (q.name === undefined || (q.nameFuzzyMatch ? i.name.includes(q.name) : i.name === q.name)) &&
            (q.namespace === undefined || i.namespace === q.namespace) &&
            (q.serviceType === undefined || i.serviceType === q.serviceType) &&
            (q.type === undefined || i.type === q.type) &&
            (q.workspaceId === undefined || i.workspaceId === q.workspaceId),
        );
        const dir = q.sortDir === "ASC" ? 1 : -1;
        matches.sort((a, b) => {
          for (const field of q.sort) {
            const x = a[field] ?? 0;
            const y = b[field] ?? 0;
            if (x < y) return -dir;
            if (x > y) return dir;
          }
          return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
        });
        return { images: matches.slice(q.offset, q.offset + q.limit).map(copy), total: matches.length };
      },
      insert: async (image) => {
        if (await session.images.findByTarget(image)) throw new DuplicateImageError("duplicate image");
        state.images.set(image.id, copy(image));
      },
      update: async (id, patch) => {
        const i = state.images.get(id);
        if (!i) return undefined;
        Object.assign(i, patch);
        return copy(i);
      },
      delete: async (projectId, id) => {
        const i = state.images.get(id);
        if (!i || i.projectId !== projectId) return false;
        return state.images.delete(id);
      },
      count: async () => state.images.size,
    },
    namespaces: {
      exists: async (name) => state.namespaces.has(name),
      add: async (name) => {
        state.namespaces.add(name);
      },
      list: async () => [...state.namespaces],
    },
    saveJobs: {
      enqueue: async (job) => {
        if ([...state.jobs.values()].some((j) => j.notebookId === job.notebookId && unfinished(j))) {
          throw new ActiveSaveExistsError("active save");
        }
        const row: SaveJob = {
          ...job,
          phase: "queued",
          localRef: null,
          size: null,
          claimedBy: null,
          leaseUntil: null,
          attempts: 0,
          updatedAt: job.createdAt,
        };
        state.jobs.set(job.id, row);
        return copy(row);
      },
      get: async (id) => copy(state.jobs.get(id)),
      getByImage: async (imageId) => copy([...state.jobs.values()].find((j) => j.imageId === imageId)),
      activeForNotebook: async (notebookId) =>
        copy([...state.jobs.values()].find((j) => j.notebookId === notebookId && unfinished(j))),
      claimNext: async ({ workerId, now, leaseMs }) =>
        serial(async () => {
          const job = [...state.jobs.values()]
            .filter(
              (j) =>
                unfinished(j) &&
                j.dueAt !== null &&
                j.dueAt <= now &&
                (j.claimedBy === null || (j.leaseUntil ?? 0) < now),
            )
            .sort((a, b) => a.createdAt - b.createdAt)[0];
          if (!job) return undefined;
          Object.assign(job, {
            claimedBy: workerId,
            leaseUntil: now + leaseMs,
            attempts: job.attempts + 1,
            updatedAt: now,
          });
          return copy(job);
        }),
      update: async (id, workerId, patch, now) => {
        const job = state.jobs.get(id);
        if (!job || job.claimedBy !== workerId) return undefined;
        Object.assign(job, patch, { updatedAt: now });
        return copy(job);
      },
      release: async (id, workerId, patch, now) => {
        const job = state.jobs.get(id);
        if (!job || job.claimedBy !== workerId) return undefined;
        Object.assign(job, patch, { claimedBy: null, leaseUntil: null, updatedAt: now });
        return copy(job);
      },
      finish: async (id, workerId, outcome, now) => {
        const job = state.jobs.get(id);
        if (!job || job.claimedBy !== workerId) return undefined;
        Object.assign(job, outcome, { claimedBy: null, leaseUntil: null, updatedAt: now });
        return copy(job);
      },
      setDue: async (id, dueAt, now) => {
        const job = state.jobs.get(id);
        if (!job || !unfinished(job)) return undefined;
        Object.assign(job, { dueAt, updatedAt: now });
        return copy(job);
      },
      listInterrupted: async (now) =>
        [...state.jobs.values()]
          .filter((j) => unfinished(j) && j.claimedBy !== null && (j.leaseUntil ?? 0) < now)
          .map(copy),
      releaseAll: async (now) => {
        let count = 0;
        for (const job of state.jobs.values()) {
          if (unfinished(job) && job.claimedBy !== null) {
            Object.assign(job, { claimedBy: null, leaseUntil: null, updatedAt: now });
            count++;
          }
        }
        return count;
      },
      nextDueAt: async () => {
        const due = [...state.jobs.values()]
          .filter((j) => unfinished(j) && j.claimedBy === null && j.dueAt !== null)
          .map((j) => j.dueAt as number);
        return due.length ? Math.min(...due) : undefined;
      },
      listUnfinished: async () => [...state.jobs.values()].filter(unfinished).map(copy),
    },
    settings: {
      get: async () => copy(state.settings),
      setTransitions: async (transitions) => {
        state.settings.transitions = copy(transitions);
      },
      setFaults: async (faults) => {
        state.settings.faults = copy(faults);
      },
      takeFault: async () => {
        const faults = state.settings.faults;
        if (faults.failNextSaves <= 0) return undefined;
        faults.failNextSaves--;
        return faults.statusMessage;
      },
    },
  };

  const store: StorePort = {
    ...session,
    exclusive: true,
    transaction: (fn) =>
      serial(async () => {
        const snapshot = structuredClone(state);
        try {
          return await fn(session);
        } catch (error) {
          state = snapshot;
          throw error;
        }
      }),
    reset: async (defaults) => {
      state = {
        notebooks: new Map(),
        images: new Map(),
        namespaces: new Set(),
        jobs: new Map(),
        settings: copy(defaults),
      };
    },
    close: async () => undefined,
  };
  return store;
};
