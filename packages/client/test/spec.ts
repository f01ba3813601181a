// The bundled spec, read by the tests so that they check the client against the contract
// instead of against constants retyped here. Operations, their parameters and body schemas come
// from the spec's reader (refs followed there, once); the raw document is there for what it lacks.
import { followRef, specDocument } from "@notebook-image/spec/reader";
import { findOperation, loadBundledSpec } from "@notebook-image/spec/testing";

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked dynamically.
export type Json = any;

export const spec: Json = loadBundledSpec();

const described = specDocument("openapi");
const createImage = described.operation("createImage");
/** create-image's path template, found by operationId. */
export const OPERATION_PATH: "/v1/{project_id}/notebooks/{id}/create-image" = createImage.path as never;
export const operation: Json = createImage.definition;

/** Follows a `#/components/...` reference (the spec reader's followRef, on the bundled spec). */
export const deref = (node: Json): Json => followRef(spec, node);

/** create-image's JSON body schema, refs replaced by what they point at. */
export const requestSchema: Json = createImage.body?.schema;

/** The parameter of create-image with this name (the path item's and the operation's), refs followed. */
function createImageParameter(name: string) {
  const found = createImage.parameters.find((p) => p.name === name);
  if (!found) throw new Error(`createImage has no parameter ${name}`);
  return found;
}

export function pathParameterSchema(name: string): Json {
  return createImageParameter(name).schema;
}

export const EXAMPLE_PROJECT_ID: string = createImageParameter("project_id").example as string;
export const EXAMPLE_INSTANCE_ID: string = createImageParameter("id").example as string;

/** The operation with this operationId: its path, method, the operation object and its parameters (dereferenced). */
export const operationById = (operationId: string) => findOperation(spec, operationId);

/** ListImage's query parameters, dereferenced. */
export const listImagesQueryParameters: Json[] = described
  .operation("ListImage")
  .parameters.filter((p) => p.in === "query");
