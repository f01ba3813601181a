// What the benchmarks need from the bundled spec (spec/dist/openapi.json), read from it rather than
// typed again: the create-image path, its reference 200 response and a valid request.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const spec = require("@notebook-image/spec/openapi.json");

/** Follows local `#/...` references until a node that is not one. */
function deref(node) {
  if (!node || typeof node.$ref !== "string") return node;
  const target = node.$ref
    .replace(/^#\//, "")
    .split("/")
    .reduce((obj, key) => obj?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
  if (target === undefined) throw new Error(`unresolved $ref ${node.$ref}`);
  return deref(target);
}

const [path, pathItem] =
  Object.entries(spec.paths).find(([, item]) => item.post?.operationId === "createImage") ?? [];
if (!path) throw new Error("the spec has no createImage operation");
const operation = pathItem.post;
const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map(deref);
const firstExample = (content) => deref(Object.values(content.examples)[0]).value;

/** `/v1/{project_id}/notebooks/{id}/create-image` */
export const CREATE_IMAGE_PATH = path;
export const projectId = parameters.find((p) => p.name === "project_id").example;
export const instanceId = parameters.find((p) => p.name === "id").example;
/** The reference 200 response. */
export const referenceImage = firstExample(deref(operation.responses["200"]).content["application/json"]);
/** A valid request body (the first documented example). */
export const requestBody = firstExample(operation.requestBody.content["application/json"]);
