// What the tests need from the bundled spec (spec/dist/openapi.json), read from it rather than
// typed again: the create-image operation, its request schema, and its examples.
import { deref as derefIn, findOperation, loadBundledSpec } from "@notebook-image/spec/testing";

// biome-ignore lint/suspicious/noExplicitAny: the bundled OpenAPI document is walked generically
type Json = any;
const spec: Json = loadBundledSpec();

/** Follows local `#/...` references until a node that is not one. */
export const deref = (node: Json): Json => derefIn(spec, node);

const { path: operationPath, operation, parameters } = findOperation(spec, "createImage");

function pathParameter(name: string): Json {
  const found = parameters.find((p) => p.in === "path" && p.name === name);
  if (!found) throw new Error(`the spec has no path parameter ${name}`);
  return found;
}

/** `/v1/{project_id}/notebooks/{id}/create-image` */
export const CREATE_IMAGE_PATH: string = operationPath;

/** The JSON Schema of the request body, references resolved one level (its properties are inline). */
export const requestSchema: Json = deref(operation.requestBody.content["application/json"].schema);

/** The JSON Schema of the `id` (instance id) path parameter. */
export const instanceIdSchema: Json = deref(pathParameter("id").schema);

/** The documented example values of the path parameters. */
export const exampleProjectId: string = pathParameter("project_id").example;
export const exampleInstanceId: string = pathParameter("id").example;

function firstExample(content: Json): Json {
  const examples = Object.values<Json>(content.examples ?? {});
  if (examples.length === 0) throw new Error("no example in the spec where one is expected");
  return deref(examples[0]).value;
}

/** The reference 200 response: the image the mock answers with. */
export const referenceImage: Json = firstExample(
  deref(operation.responses["200"]).content["application/json"],
);

/** The first request body example (a valid request). */
export const exampleRequest: Json = firstExample(operation.requestBody.content["application/json"]);

/**
 * The raw URL of the operation for a project and an instance id, encoded as openapi-fetch does
 * (encodeURIComponent). A lone surrogate has no UTF-8 form, so it becomes U+FFFD first, as the
 * WHATWG URL parser would make it.
 */
export function createImageUrl(baseUrl: string, projectId: string, instanceId: string): string {
  const encode = (value: string) => encodeURIComponent(value.replace(LONE_SURROGATE, "\uFFFD"));
  return (
    baseUrl + CREATE_IMAGE_PATH.replace("{project_id}", encode(projectId)).replace("{id}", encode(instanceId))
  );
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
