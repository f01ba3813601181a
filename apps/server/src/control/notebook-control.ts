// The control API's notebooks and organizations: what ModelArts and SWR create elsewhere.
import { randomUUID } from "node:crypto";
import type { components } from "@notebook-image/spec/control-types";
import { newNotebook } from "../domain/seed.js";
import type { NotebookStatus } from "../domain/store-port.js";
import { ControlError } from "./control-error.js";
import type { ControlServiceOptions } from "./control-service.js";

type Schemas = components["schemas"];

export async function createNotebook(options: ControlServiceOptions, input: Schemas["NewNotebook"]) {
  const { store, engine, clock } = options;
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

export async function setNotebookStatus(
  { store, clock }: ControlServiceOptions,
  id: string,
  status: NotebookStatus,
) {
  const notebook = await store.notebooks.update(id, { status, steps: [], updateAt: clock.now() });
  if (!notebook) throw new ControlError(404, `There is no notebook ${id}.`);
  return notebook;
}

export async function addNamespace({ store }: ControlServiceOptions, name: string) {
  await store.namespaces.add(name);
  return { name };
}
