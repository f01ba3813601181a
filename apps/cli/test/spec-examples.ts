// The spec's own examples, read from the bundled spec, so that the tests use the values the
// contract holds instead of copies of them. Operations are found by operationId, not by path.
import { deref, findOperation, loadBundledSpec } from "@notebook-image/spec/testing";

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked dynamically.
type Json = any;

const spec: Json = loadBundledSpec();

function parameterExample(operationId: string, name: string): string {
  const found = findOperation(spec, operationId).parameters.find((p: Json) => p.name === name);
  if (found?.example === undefined) throw new Error(`${operationId} has no example for ${name}`);
  return found.example;
}

function namedExample(content: Json, name: string): Json {
  const example = deref(spec, content?.["application/json"]?.examples?.[name]);
  if (example === undefined) throw new Error(`no example ${name}`);
  return example.value;
}

const create = findOperation(spec, "createImage").operation;

export const EXAMPLE_PROJECT_ID: string = parameterExample("createImage", "project_id");
export const EXAMPLE_INSTANCE_ID: string = parameterExample("createImage", "id");
/** The reference page's request: name, namespace, tag, description, workspace_id. */
export const EXAMPLE_REQUEST: Record<string, string> = namedExample(
  create.requestBody.content,
  "SavePytorchImage",
);
/** The image the create-image example answers with. */
export const EXAMPLE_IMAGE: Record<string, unknown> & {
  id: string;
  name: string;
  tag: string;
  status: string;
  swr_path: string;
} = namedExample(create.responses["200"].content, "SavedImage");

/** The path of an operation with its parameters filled in: `operationPath("createImage", { project_id, id })`. */
export function operationPath(operationId: string, params: Record<string, string>): string {
  return findOperation(spec, operationId).path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${operationId} needs ${name}`);
    return encodeURIComponent(value);
  });
}

/** The create-image path of the examples' project and instance. */
export const EXAMPLE_CREATE_PATH = operationPath("createImage", {
  project_id: EXAMPLE_PROJECT_ID,
  id: EXAMPLE_INSTANCE_ID,
});
