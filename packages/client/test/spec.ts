// The bundled spec, read by the tests so that they check the client against the contract
// instead of against constants retyped here.
import { deref as derefIn, findOperation, loadBundledSpec } from "@notebook-image/spec/testing";

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked dynamically.
export type Json = any;

export const spec: Json = loadBundledSpec();

const createImage = findOperation(spec, "createImage");
/** create-image's path template, found by operationId. */
export const OPERATION_PATH: "/v1/{project_id}/notebooks/{id}/create-image" = createImage.path as never;
export const operation: Json = createImage.operation;

/** Follows a `#/components/...` reference (the spec package's one deref, on the bundled spec). */
export const deref = (node: Json): Json => derefIn(spec, node);

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

/** The operation with this operationId: its path, method, the operation object and its parameters (dereferenced). */
export const operationById = (operationId: string) => findOperation(spec, operationId);

/** ListImage's query parameters, dereferenced. */
export const listImagesQueryParameters: Json[] = operationById("ListImage").parameters.filter(
  (p: Json) => p.in === "query",
);
