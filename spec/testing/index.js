// `@notebook-image/spec/testing`: what tests and benchmarks of every package need to read the
// bundled spec instead of typing its facts again: the document itself, an operation found by its
// operationId, the one `deref` of a `$ref`, and validators compiled from the spec's own schemas
// with Ajv's JSON Schema 2020-12 validator.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";

// ajv-formats is CommonJS (module.exports = the plugin); TypeScript's NodeNext view of its default
// import is the module object, so restate what Node really hands us.
const addFormats = /** @type {typeof ajvFormats.default} */ (/** @type {unknown} */ (ajvFormats));

/** The id under which the bundled document is registered: refs are `openapi.json#/components/...`. */
const SPEC_ID = "openapi.json";
// OpenAPI 3.1's own schema keywords, which are annotations for JSON Schema validators.
const OPENAPI_SCHEMA_KEYWORDS = ["discriminator", "xml", "externalDocs", "example"];

export const bundledSpecJsonPath = fileURLToPath(new URL("../dist/openapi.json", import.meta.url));

/** @returns {any} the bundled spec (spec/dist/openapi.json) */
export function loadBundledSpec() {
  return JSON.parse(readFileSync(bundledSpecJsonPath, "utf8"));
}

/**
 * An Ajv 2020-12 instance that knows the whole spec. Strict mode stays on, so a misspelt JSON
 * Schema keyword in the spec fails loudly instead of being ignored.
 * @param {any} spec
 */
export function createSpecAjv(spec) {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addVocabulary([...OPENAPI_SCHEMA_KEYWORDS, ...extensionKeywords(spec.components)]);
  // The document is registered whole (as an object whose only key Ajv sees is `components`), so
  // the bundle's internal refs such as `#/components/schemas/ImageArch` resolve as they are.
  ajv.addVocabulary(["components"]);
  ajv.addSchema({ $id: SPEC_ID, components: spec.components });
  return {
    ajv,
    /**
     * Validator of the schema at a JSON pointer of the bundled document.
     * @param {string} pointer e.g. "#/components/schemas/Image"
     */
    validator(pointer) {
      const validate = ajv.getSchema(`${SPEC_ID}${pointer}`);
      if (!validate) throw new Error(`no schema at ${pointer} in the bundled spec`);
      return validate;
    },
  };
}

/**
 * Every `x-` keyword used anywhere under the components, so Ajv's strict mode accepts them.
 * @param {unknown} node
 * @param {Set<string>} [found]
 * @returns {Set<string>}
 */
function extensionKeywords(node, found = new Set()) {
  if (Array.isArray(node)) {
    for (const item of node) extensionKeywords(item, found);
  } else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("x-")) found.add(key);
      extensionKeywords(value, found);
    }
  }
  return found;
}

/**
 * Follows a local `$ref` (`#/components/...`) of the bundled document; returns other values as they are.
 * @param {any} spec
 * @param {any} value
 * @returns {any}
 */
export function deref(spec, value) {
  let current = value;
  while (current && typeof current.$ref === "string") {
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`only local refs are expected in the bundle, got ${ref}`);
    current = ref
      .slice(2)
      .split("/")
      .map((/** @type {string} */ part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((/** @type {any} */ object, /** @type {string} */ key) => object?.[key], spec);
    if (current === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return current;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * Every operation of the bundled document, in document order, with its path, method and its
 * parameters (the path item's and its own, refs followed).
 * @param {any} spec
 * @returns {{ operationId: string, path: string, method: string, operation: any, parameters: any[] }[]}
 */
export function operations(spec) {
  return Object.entries(spec.paths ?? {}).flatMap(([path, pathItem]) =>
    HTTP_METHODS.filter((method) => pathItem[method]).map((method) => {
      const operation = pathItem[method];
      const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map(
        (/** @type {any} */ parameter) => deref(spec, parameter),
      );
      return { operationId: operation.operationId, path, method, operation, parameters };
    }),
  );
}

/**
 * The operation with this operationId; throws if the spec has none.
 * @param {any} spec
 * @param {string} operationId
 */
export function findOperation(spec, operationId) {
  const found = operations(spec).find((entry) => entry.operationId === operationId);
  if (!found) throw new Error(`the spec has no operation ${operationId}`);
  return found;
}

/**
 * The example of a path or query parameter of an operation; throws if the spec gives none.
 * @param {any} spec
 * @param {string} operationId
 * @param {string} name
 * @returns {any}
 */
export function parameterExample(spec, operationId, name) {
  const found = findOperation(spec, operationId).parameters.find((parameter) => parameter.name === name);
  if (found?.example === undefined)
    throw new Error(`${operationId} has no example for its parameter ${name}`);
  return found.example;
}

/**
 * The value of a named example of an operation's JSON request body (`status` omitted) or of one of
 * its responses; without a name, the first one (what Prism answers by default). Throws if missing.
 * @param {any} spec
 * @param {string} operationId
 * @param {{ status?: string, name?: string }} [which]
 * @returns {any}
 */
export function jsonExample(spec, operationId, which = {}) {
  const { operation } = findOperation(spec, operationId);
  const holder =
    which.status === undefined
      ? deref(spec, operation.requestBody)
      : deref(spec, operation.responses?.[which.status]);
  const examples = holder?.content?.["application/json"]?.examples ?? {};
  const name = which.name ?? Object.keys(examples)[0];
  const example = name === undefined ? undefined : deref(spec, examples[name]);
  if (example === undefined) {
    const where = which.status === undefined ? "request body" : `${which.status} response`;
    throw new Error(`${operationId}'s ${where} has no example ${name ?? "at all"}`);
  }
  return example.value;
}

/**
 * An operation's path with its parameters filled in (URI-encoded): `operationPath(spec, "ShowImage", { project_id, id })`.
 * @param {any} spec
 * @param {string} operationId
 * @param {Record<string, string>} params
 * @returns {string}
 */
export function operationPath(spec, operationId, params) {
  return findOperation(spec, operationId).path.replace(/\{(\w+)\}/g, (_, /** @type {string} */ name) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${operationId}'s path needs ${name}`);
    return encodeURIComponent(value);
  });
}

/**
 * The create-image example every app's tests start from: the path parameters' examples, the
 * reference page's request (`SavePytorchImage`), the image it answers with (`SavedImage`) and the
 * filled-in path.
 * @param {any} spec
 */
export function createImageExamples(spec) {
  const projectId = parameterExample(spec, "createImage", "project_id");
  const instanceId = parameterExample(spec, "createImage", "id");
  return {
    projectId,
    instanceId,
    request: jsonExample(spec, "createImage", { name: "SavePytorchImage" }),
    image: jsonExample(spec, "createImage", { status: "200", name: "SavedImage" }),
    path: operationPath(spec, "createImage", { project_id: projectId, id: instanceId }),
  };
}
