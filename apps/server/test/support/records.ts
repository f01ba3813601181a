// Records for storage tests: complete, with the fields a test cares about given.
import { randomUUID } from "node:crypto";
import type { ImageRecord, NewSaveJob, NotebookRecord } from "../../src/domain/store-port.js";

export const PROJECT = "project-a";

export function notebook(fields: Partial<NotebookRecord> = {}): NotebookRecord {
  return {
    id: randomUUID(),
    projectId: PROJECT,
    name: "notebook",
    description: "",
    status: "RUNNING",
    failReason: null,
    flavor: "modelarts.vm.cpu.2u",
    workspaceId: "0",
    image: { id: "base", name: "pytorch1.8", swrPath: "swr.local/atelier/pytorch1.8:1", type: "BUILD_IN" },
    steps: [],
    lease: { duration: 3_600_000, type: "TIMING" },
    createAt: 1_000,
    updateAt: 1_000,
    ...fields,
  };
}

export function image(fields: Partial<ImageRecord> = {}): ImageRecord {
  const name = fields.name ?? "image";
  const tag = fields.tag ?? randomUUID().slice(0, 8);
  const namespace = fields.namespace ?? "atelier-auto";
  return {
    id: randomUUID(),
    projectId: PROJECT,
    notebookId: null,
    name,
    tag,
    namespace,
    description: null,
    workspaceId: "0",
    status: "INIT",
    statusMessage: null,
    swrPath: `swr.local/${namespace}/${name}:${tag}`,
    size: null,
    arch: "x86_64",
    origin: "CUSTOMIZE",
    type: "DEDICATED",
    serviceType: "UNKNOWN",
    visibility: "PRIVATE",
    createAt: 1_000,
    updateAt: 1_000,
    ...fields,
  };
}

export function job(fields: Partial<NewSaveJob> = {}): NewSaveJob {
  return {
    id: randomUUID(),
    notebookId: randomUUID(),
    projectId: PROJECT,
    takeFault: false,
    dueAt: 0,
    createdAt: 1_000,
    ...fields,
  };
}
