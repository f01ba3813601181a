// What a fresh server holds, so that it is ready to use with no flags: the notebook instance the
// README's examples save, the organization they push to, the project they call.
import type { Clock } from "./clock.js";
import { leaseFromNow } from "./notebook-lease.js";
import type { NotebookImageRef, NotebookRecord, NotebookStatus, StorePort } from "./store-port.js";

/** The ids of the README's examples. */
export const DEV_PROJECT_ID = "0f7a8e3b9c6d4e2f8a1b2c3d4e5f6a7b";
export const DEV_NOTEBOOK_ID = "6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b";
export const DEV_NAMESPACE = "atelier-auto";

/** The built-in image new notebook instances run until they are saved. */
export function baseImage(registryHost: string): NotebookImageRef {
  return {
    id: "e1a07296-22a8-4f05-8bc9-e936c8e54202",
    name: "notebook2.0-mul-kernel-cpu-cp36",
    swrPath: `${registryHost}/atelier/notebook2.0-mul-kernel-cpu-cp36:3.3.2-release-v1`,
    type: "BUILD_IN",
  };
}

export interface SeedOptions {
  namespaces: readonly string[];
  notebooks: readonly { id: string; projectId: string; name?: string | undefined }[];
  registryHost: string;
}

export function newNotebook(
  input: { id: string; projectId: string; name?: string | undefined; status?: NotebookStatus | undefined },
  registryHost: string,
  now: number,
): NotebookRecord {
  return {
    id: input.id,
    projectId: input.projectId,
    name: input.name ?? `notebook-${input.id.slice(0, 4)}`,
    description: "",
    status: input.status ?? "RUNNING",
    failReason: null,
    flavor: "modelarts.vm.cpu.2u",
    workspaceId: "0",
    image: baseImage(registryHost),
    steps: [],
    lease: leaseFromNow(now, now),
    createAt: now,
    updateAt: now,
  };
}

/** Adds what is missing; what a previous run left (a stopped notebook, saved images) stays as it is. */
export async function seed(store: StorePort, clock: Clock, options: SeedOptions): Promise<void> {
  for (const name of options.namespaces) await store.namespaces.add(name);
  for (const notebook of options.notebooks) {
    if (await store.notebooks.getById(notebook.id)) continue;
    try {
      await store.notebooks.insert(newNotebook(notebook, options.registryHost, clock.now()));
    } catch (error) {
      // Another replica on the same database seeded it first.
      if (!(await store.notebooks.getById(notebook.id))) throw error;
    }
  }
}
