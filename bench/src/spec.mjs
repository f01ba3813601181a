// What the benchmarks need from the bundled spec (spec/dist/openapi.json), read from it rather than
// typed again: the create-image path, its reference 200 response and a valid request.
import { deref as derefIn, findOperation, loadBundledSpec } from "@notebook-image/spec/testing";

// The bundled OpenAPI document is walked generically, as JSON.
/** @typedef {any} Json */
const spec = loadBundledSpec();
/** @param {Json} node @returns {Json} */
const deref = (node) => derefIn(spec, node);
const { path, operation, parameters } = findOperation(spec, "createImage");
/** @param {string} name @returns {Json} */
const parameter = (name) => parameters.find((p) => p.name === name);
/** @param {Json} content */
const firstExample = (content) => deref(Object.values(content.examples)[0]).value;

/** `/v1/{project_id}/notebooks/{id}/create-image` */
export const CREATE_IMAGE_PATH = path;
/** @type {string} */
export const projectId = parameter("project_id").example;
/** @type {string} */
export const instanceId = parameter("id").example;
/** The reference 200 response. */
export const referenceImage = firstExample(deref(operation.responses["200"]).content["application/json"]);
/** A valid request body (the first documented example). */
export const requestBody = firstExample(operation.requestBody.content["application/json"]);

/** @param {string} operationId @returns {[string, Json]} the path and its path item */
function operationPath(operationId) {
  for (const [route, item] of Object.entries(/** @type {Record<string, Json>} */ (spec.paths))) {
    for (const method of ["get", "post", "put", "delete"]) {
      if (item[method]?.operationId === operationId) return [route, item];
    }
  }
  throw new Error(`the spec has no ${operationId} operation`);
}

const [showImagePath, showImageItem] = operationPath("ShowImage");
/** `/v1/{project_id}/images/{id}` */
export const SHOW_IMAGE_PATH = showImagePath;
/** The documented example image id (what Prism is asked for). */
/** @type {string} */
export const imageId = [...(showImageItem.parameters ?? []), ...(showImageItem.get.parameters ?? [])]
  .map(deref)
  .find((p) => p.in === "path" && p.name === "id").example;
