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
