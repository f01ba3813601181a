// `@notebook-image/spec/reader`: the one reader of the bundled documents, used by the server at run
// time and by every package's tests: a document's operations (method, path, parameters, body,
// responses, refs followed), its schemas dereferenced, an operation by its operationId, and the one
// Ajv set-up (JSON Schema 2020-12, as OpenAPI 3.1 uses it) that compiles them.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";

// Its types (dist/reader/index.d.ts) are generated from this file's JSDoc by `tsc` in the build
// (tsconfig.reader.json), so that they cannot drift from the code.

/** @typedef {any} Json an OpenAPI document, walked generically */

/** @typedef {Readonly<Record<string, unknown>>} JsonSchema a JSON Schema of the spec, refs replaced by what they point at */

/** @typedef {"GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE"} HttpMethod */

/**
 * A parameter of an operation, refs followed.
 * @typedef {object} SpecParameter
 * @property {string} name
 * @property {"path" | "query" | "header" | "cookie"} in
 * @property {boolean} required false when the document does not say
 * @property {JsonSchema} schema
 * @property {unknown} [example]
 */

/**
 * Where an operation is, its parameters, and its object as the document has it.
 * @typedef {object} LocatedOperation
 * @property {string} operationId
 * @property {HttpMethod} method
 * @property {string} path OpenAPI path template, e.g. `/v1/{project_id}/images/{id}`
 * @property {readonly SpecParameter[]} parameters the path item's and the operation's parameters (the operation's win), refs followed
 * @property {Json} definition the operation object as the document has it (refs not followed)
 */

/**
 * A located operation with its body and response schemas, dereferenced.
 * @typedef {object} SpecOperationSchemas
 * @property {{ readonly required: boolean, readonly schema: JsonSchema } | undefined} [body] the JSON schema of the body, when the operation takes one
 * @property {Readonly<Record<string, { readonly schema?: JsonSchema | undefined }>>} responses the responses it declares by status ("200", "400", "default"…), with the JSON body schema when there is one
 */
/** @typedef {LocatedOperation & SpecOperationSchemas} SpecOperation */

/**
 * The operations and schemas of a document, refs followed.
 * @typedef {object} SpecDocument
 * @property {Json} raw the document as parsed
 * @property {readonly SpecOperation[]} operations every operation, in document order
 * @property {(operationId: string) => SpecOperation} operation the operation with this operationId; throws if the document has none
 * @property {(name: string) => JsonSchema} schema a schema of components.schemas, dereferenced (the same object on every call)
 * @property {(name: string) => JsonSchema} parameterSchema the schema of a parameter of components.parameters, dereferenced (the same object on every call)
 */

// ajv-formats is CommonJS (module.exports = the plugin); TypeScript's NodeNext view of its default
// import is the module object, so restate what Node really hands us.
const addFormats = /** @type {typeof ajvFormats.default} */ (/** @type {unknown} */ (ajvFormats));

/** The documents `spec/dist` holds: the ModelArts API, the server's control API, the IAM call it emulates. */
export const BUNDLED_DOCUMENTS = /** @type {const} */ (["openapi", "control-openapi", "iam-openapi"]);

/** @typedef {(typeof BUNDLED_DOCUMENTS)[number]} BundledDocument */

/**
 * Absolute path of a bundled document (spec/dist/<document>.json).
 * @param {BundledDocument} [document]
 */
export function bundledDocumentPath(document = "openapi") {
  if (!BUNDLED_DOCUMENTS.includes(document))
    throw new Error(`${document} is not a bundled document (one of ${BUNDLED_DOCUMENTS.join(", ")})`);
  return fileURLToPath(new URL(`../dist/${document}.json`, import.meta.url));
}

/**
 * A bundled document parsed, as it is in the file (a fresh copy each call: the caller may change it).
 * @param {BundledDocument} [document]
 * @returns {any}
 */
export function readBundledDocument(document = "openapi") {
  const path = bundledDocumentPath(document);
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== "ENOENT") throw error;
    throw new Error(
      `spec/dist/${document}.json does not exist yet: build the spec first (pnpm --filter @notebook-image/spec build)`,
    );
  }
}

/** @type {Map<string, SpecDocument>} */
const described = new Map();

/**
 * A bundled document described (see describeDocument), read once per process: every server a test
 * process starts shares it, so it is frozen, and what is compiled from its schemas can be shared too.
 * @param {BundledDocument} [document]
 * @returns {SpecDocument}
 */
export function specDocument(document = "openapi") {
  const path = bundledDocumentPath(document);
  let found = described.get(path);
  if (!found) {
    found = describeDocument(deepFreeze(readBundledDocument(document)));
    described.set(path, found);
  }
  return found;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * The operations and schemas of an OpenAPI document, refs followed. What it derives is frozen (the
 * document itself, and so each operation's `definition`, is left as it is).
 * @param {any} raw
 * @returns {SpecDocument}
 */
export function describeDocument(raw) {
  const operations = locateOperations(raw).map((located) => describeOperation(raw, located));
  /** @type {Map<string, any>} */
  const schemas = new Map();
  /** @type {Map<string, any>} */
  const parameterSchemas = new Map();
  return Object.freeze({
    raw,
    operations: Object.freeze(operations),
    /** @param {string} operationId */
    operation(operationId) {
      const found = operations.find((operation) => operation.operationId === operationId);
      if (!found) throw new Error(`the spec has no operation ${operationId}`);
      return found;
    },
    // The same object on every call, so that Ajv's cache (by schema object) compiles it once.
    /** @param {string} name */
    schema(name) {
      if (!schemas.has(name)) {
        const schema = raw.components?.schemas?.[name];
        if (!schema) throw new Error(`the spec has no components.schemas.${name}`);
        schemas.set(name, deepFreeze(dereference(raw, schema)));
      }
      return schemas.get(name);
    },
    /** @param {string} name */
    parameterSchema(name) {
      if (!parameterSchemas.has(name)) {
        const parameter = followRef(raw, raw.components?.parameters?.[name]);
        if (!parameter?.schema) throw new Error(`the spec has no components.parameters.${name}`);
        parameterSchemas.set(name, deepFreeze(dereference(raw, parameter.schema)));
      }
      return parameterSchemas.get(name);
    },
  });
}

/**
 * Every operation of a document, in document order: its method, path, operationId, parameters (the
 * path item's and its own, the operation's winning, refs followed) and its object as the document
 * has it. Cheaper than describeDocument: the body and response schemas are left undereferenced.
 * @param {any} raw
 * @returns {LocatedOperation[]}
 */
export function locateOperations(raw) {
  return Object.entries(raw.paths ?? {}).flatMap(([path, pathItem]) => {
    const item = followRef(raw, pathItem);
    return HTTP_METHODS.filter((method) => item[method]).map((method) => {
      const definition = item[method];
      /** @type {Map<string, any>} */
      const parameters = new Map();
      for (const declared of [...(item.parameters ?? []), ...(definition.parameters ?? [])]) {
        const parameter = dereference(raw, declared);
        parameters.set(`${parameter.in}:${parameter.name}`, {
          ...parameter,
          required: parameter.required ?? false,
        });
      }
      return Object.freeze({
        operationId: String(definition.operationId),
        method: /** @type {HttpMethod} */ (method.toUpperCase()),
        path,
        parameters: deepFreeze([...parameters.values()]),
        definition,
      });
    });
  });
}

/**
 * A located operation with its JSON body and response schemas, dereferenced.
 * @param {any} raw
 * @param {LocatedOperation} located
 * @returns {SpecOperation}
 */
function describeOperation(raw, located) {
  // Of a body or a response, only the schema is dereferenced (not the examples beside it).
  const jsonSchemaOf = (/** @type {any} */ holder) =>
    dereference(raw, followRef(raw, followRef(raw, holder)?.content?.["application/json"])?.schema);
  const requestBody = followRef(raw, located.definition.requestBody);
  const bodySchema = jsonSchemaOf(requestBody);
  const responses = Object.fromEntries(
    Object.entries(located.definition.responses ?? {}).map(([status, response]) => [
      status,
      { schema: jsonSchemaOf(response) },
    ]),
  );
  return Object.freeze({
    ...located,
    body: bodySchema
      ? deepFreeze({ required: requestBody.required ?? false, schema: bodySchema })
      : undefined,
    responses: deepFreeze(responses),
  });
}

/**
 * An operation's path with its parameters filled in, URI-encoded: `fillPath(document.operation("ShowImage"), { project_id, id })`.
 * @param {{ operationId: string, path: string }} operation
 * @param {Record<string, string>} params
 * @returns {string}
 */
export function fillPath(operation, params) {
  return operation.path.replace(/\{(\w+)\}/g, (_, /** @type {string} */ name) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${operation.operationId}'s path needs ${name}`);
    return encodeURIComponent(value);
  });
}

/**
 * Replaces every local `$ref` by (a copy of) what it points at, its sibling keywords kept; the spec
 * has no cycles, and says so if it gets one.
 * @param {any} root the document the refs point into
 * @param {any} value
 * @returns {any}
 */
export function dereference(root, value, seen = /** @type {string[]} */ ([])) {
  if (Array.isArray(value)) return value.map((item) => dereference(root, item, seen));
  if (value === null || typeof value !== "object") return value;
  const { $ref: ref, ...siblings } = value;
  if (typeof ref === "string") {
    if (seen.includes(ref)) throw new Error(`the spec has a cyclic $ref: ${[...seen, ref].join(" → ")}`);
    const resolved = dereference(root, resolvePointer(root, ref), [...seen, ref]);
    return { ...resolved, ...dereference(root, siblings, seen) };
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, dereference(root, child, seen)]),
  );
}

/**
 * Follows a value's local `$ref` (and the ref of what it points at, and so on); returns other values
 * as they are, nested refs included. A ref that leads back to itself is an error, not a loop.
 * @param {any} root
 * @param {any} value
 * @returns {any}
 */
export function followRef(root, value) {
  let current = value;
  /** @type {string[]} */
  const seen = [];
  while (current && typeof current.$ref === "string") {
    const ref = current.$ref;
    if (seen.includes(ref)) throw new Error(`the spec has a cyclic $ref: ${[...seen, ref].join(" → ")}`);
    seen.push(ref);
    current = resolvePointer(root, ref);
  }
  return current;
}

/**
 * What a local ref (`#/components/schemas/Image`) points at; throws for another kind of ref or a
 * pointer to nothing.
 * @param {any} root
 * @param {string} ref
 * @returns {any}
 */
function resolvePointer(root, ref) {
  if (!ref.startsWith("#/")) throw new Error(`only local refs are expected in the bundle, got ${ref}`);
  let node = root;
  for (const token of ref.slice(2).split("/")) {
    const key = decodeURIComponent(token).replaceAll("~1", "/").replaceAll("~0", "~");
    node = node?.[key];
    if (node === undefined) throw new Error(`the spec's $ref ${ref} points at nothing`);
  }
  return node;
}

// OpenAPI 3.1's own schema keywords, which are annotations for JSON Schema validators.
const OPENAPI_SCHEMA_KEYWORDS = ["discriminator", "xml", "externalDocs", "example"];

/**
 * The one Ajv set-up for the spec's schemas: JSON Schema 2020-12 with ajv-formats, all errors, and
 * strict mode, so that a misspelt keyword in the spec fails loudly instead of being ignored; the
 * keywords it knows besides JSON Schema's are OpenAPI's annotations and every `x-` keyword the
 * given documents use. `options` add to (or override) Ajv's options, e.g. `coerceTypes`.
 * @param {readonly unknown[]} documents
 * @param {import("ajv").Options} [options]
 */
export function createAjv(documents, options = {}) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, ...options });
  addFormats(ajv);
  ajv.addVocabulary([...OPENAPI_SCHEMA_KEYWORDS, ...extensionKeywords(documents)]);
  return ajv;
}

/**
 * Every `x-` key used anywhere in a value.
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
 * @template T
 * @param {T} value
 * @returns {T}
 */
function deepFreeze(value) {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
