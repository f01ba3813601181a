// `@notebook-image/spec/testing`: what tests and benchmarks of every package need to read the
// bundled spec instead of typing its facts again: the document itself, an operation found by its
// operationId, a `$ref` followed, examples, and validators compiled from the spec's own schemas.
// The reading itself is the reader's (`@notebook-image/spec/reader`); this adds test conveniences.
import {
  bundledDocumentPath,
  createAjv,
  fillPath,
  followRef,
  locateOperations,
  readBundledDocument,
} from "../reader/index.js";

/** The id under which the bundled document is registered: refs are `openapi.json#/components/...`. */
const SPEC_ID = "openapi.json";

export const bundledSpecJsonPath = bundledDocumentPath("openapi");

/** @returns {any} the bundled spec (spec/dist/openapi.json), a fresh copy the caller may change */
export function loadBundledSpec() {
  return readBundledDocument("openapi");
}

/**
 * The reader's Ajv (createAjv: 2020-12, formats, strict) with the whole spec registered, and
 * validators of its schemas by JSON pointer.
 * @param {any} spec
 */
export function createSpecAjv(spec) {
  const ajv = createAjv([spec]);
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
 * Follows a local `$ref` (`#/components/...`) of the bundled document; returns other values as they are.
 * @param {any} spec
 * @param {any} value
 * @returns {any}
 */
export function deref(spec, value) {
  return followRef(spec, value);
}

/**
 * Every operation of the document, in document order, as the reader locates it, in the shape tests
 * use: the method lower case as the document spells it, the operation object as `operation`.
 * @param {any} spec
 * @returns {{ operationId: string, path: string, method: string, operation: any, parameters: any[] }[]}
 */
export function operations(spec) {
  return locateOperations(spec).map(({ operationId, path, method, definition, parameters }) => ({
    operationId,
    path,
    method: method.toLowerCase(),
    operation: definition,
    parameters: [...parameters],
  }));
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
  return fillPath(findOperation(spec, operationId), params);
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
