// What the benchmarks need from the bundled spec (spec/dist/openapi.json), read from it rather than
// typed again: the create-image path, its reference 200 response and a valid request.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// The bundled OpenAPI document is walked generically, as JSON.
/** @typedef {any} Json */
/** @type {Json} */
const spec = require("@notebook-image/spec/openapi.json");

/**
 * Follows local `#/...` references until a node that is not one.
 * @param {Json} node
 * @returns {Json}
 */
function deref(node) {
  if (!node || typeof node.$ref !== "string") return node;
  const target = node.$ref
    .replace(/^#\//, "")
    .split("/")
    .reduce(
      (/** @type {Json} */ obj, /** @type {string} */ key) =>
        obj?.[key.replace(/~1/g, "/").replace(/~0/g, "~")],
      spec,
    );
  if (target === undefined) throw new Error(`unresolved $ref ${node.$ref}`);
  return deref(target);
}

const [path, pathItem] =
  Object.entries(/** @type {Record<string, Json>} */ (spec.paths)).find(
    ([, item]) => item.post?.operationId === "createImage",
  ) ?? [];
if (!path) throw new Error("the spec has no createImage operation");
const operation = pathItem.post;
const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map(deref);
/** @param {string} name @returns {Json} */
const parameter = (name) => parameters.find((p) => p.name === name);
/** @param {Json} content */
const firstExample = (content) => deref(Object.values(content.examples)[0]).value;

/** `/v1/{project_id}/notebooks/{id}/create-image` */
export const CREATE_IMAGE_PATH = /** @type {string} */ (path);
/** @type {string} */
export const projectId = parameter("project_id").example;
/** @type {string} */
export const instanceId = parameter("id").example;
/** The reference 200 response. */
export const referenceImage = firstExample(deref(operation.responses["200"]).content["application/json"]);
/** A valid request body (the first documented example). */
export const requestBody = firstExample(operation.requestBody.content["application/json"]);

/**
 * The path template of the operation `operationId` (e.g. "ShowImage"), as the spec has it.
 * @param {string} operationId
 * @returns {string}
 */
export function operationPath(operationId) {
  for (const [template, item] of Object.entries(/** @type {Record<string, Json>} */ (spec.paths))) {
    for (const method of ["get", "post", "put", "delete", "patch"]) {
      if (item[method]?.operationId === operationId) return template;
    }
  }
  throw new Error(`the spec has no ${operationId} operation`);
}
