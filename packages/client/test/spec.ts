// The bundled spec, read by the tests so that they check the client against the contract
// instead of against constants retyped here.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked dynamically.
export type Json = any;

export const spec: Json = JSON.parse(
  readFileSync(require.resolve("@notebook-image/spec/openapi.json"), "utf8"),
);

export const OPERATION_PATH = "/v1/{project_id}/notebooks/{id}/create-image";
export const operation: Json = spec.paths[OPERATION_PATH].post;

/** Follows a `#/components/...` reference. */
export function deref(node: Json): Json {
  if (!node?.$ref) return node;
  return deref(
    node.$ref
      .slice(2)
      .split("/")
      .reduce((obj: Json, key: string) => obj[key], spec),
  );
}

export const requestSchema: Json = deref(operation.requestBody.content["application/json"].schema);

export function pathParameterSchema(name: string): Json {
  const params = [...(spec.paths[OPERATION_PATH].parameters ?? []), ...(operation.parameters ?? [])].map(
    deref,
  );
  return deref(params.find((p: Json) => p.name === name).schema);
}

export const EXAMPLE_PROJECT_ID: string = deref(
  [...spec.paths[OPERATION_PATH].parameters].map(deref).find((p: Json) => p.name === "project_id"),
).example;
export const EXAMPLE_INSTANCE_ID: string = deref(
  [...spec.paths[OPERATION_PATH].parameters].map(deref).find((p: Json) => p.name === "id"),
).example;

/** The operation with this operationId: its path, method and the operation object. */
export function operationById(operationId: string): {
  path: string;
  method: string;
  operation: Json;
  parameters: Json[];
} {
  for (const [path, item] of Object.entries(spec.paths as Record<string, Json>)) {
    for (const [method, op] of Object.entries(item)) {
      if ((op as Json)?.operationId === operationId) {
        return {
          path,
          method,
          operation: op,
          parameters: [...(item.parameters ?? []), ...((op as Json).parameters ?? [])].map(deref),
        };
      }
    }
  }
  throw new Error(`no operation ${operationId}`);
}

/** ListImage's query parameters, dereferenced. */
export const listImagesQueryParameters: Json[] = operationById("ListImage").parameters.filter(
  (p: Json) => p.in === "query",
);
