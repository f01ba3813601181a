// The spec's own examples, read from the bundled spec, so that the tests use the values the
// contract holds instead of copies of them. Operations are found by operationId, not by path.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked dynamically.
type Json = any;

const spec: Json = JSON.parse(readFileSync(require.resolve("@notebook-image/spec/openapi.json"), "utf8"));

/** Follows `#/components/...` references. */
function deref(node: Json): Json {
  if (!node?.$ref) return node;
  return deref(
    node.$ref
      .slice(2)
      .split("/")
      .reduce((obj: Json, key: string) => obj[key], spec),
  );
}

function operation(operationId: string): { path: string; item: Json; op: Json } {
  for (const [path, item] of Object.entries<Json>(spec.paths)) {
    for (const op of Object.values<Json>(item)) {
      if (op?.operationId === operationId) return { path, item, op };
    }
  }
  throw new Error(`no operation ${operationId} in the spec`);
}

function parameterExample(operationId: string, name: string): string {
  const { item, op } = operation(operationId);
  const found = [...(item.parameters ?? []), ...(op.parameters ?? [])]
    .map(deref)
    .find((p) => p.name === name);
  if (found?.example === undefined) throw new Error(`${operationId} has no example for ${name}`);
  return found.example;
}

function namedExample(content: Json, name: string): Json {
  const example = deref(content?.["application/json"]?.examples?.[name]);
  if (example === undefined) throw new Error(`no example ${name}`);
  return example.value;
}

const create = operation("createImage").op;

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
  return operation(operationId).path.replace(/\{(\w+)\}/g, (_, name: string) => {
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
