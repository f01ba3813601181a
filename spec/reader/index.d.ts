// Types of `@notebook-image/spec/reader` (reader/index.js).
import type { Ajv2020, Options } from "ajv/dist/2020.js";

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document walked generically
type Json = any;

/** The documents `spec/dist` holds: the ModelArts API, the server's control API, the IAM call it emulates. */
export declare const BUNDLED_DOCUMENTS: readonly ["openapi", "control-openapi", "iam-openapi"];
export type BundledDocument = (typeof BUNDLED_DOCUMENTS)[number];

/** A JSON Schema of the spec, refs replaced by what they point at. */
export type JsonSchema = Readonly<Record<string, unknown>>;

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";

export interface SpecParameter {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly required: boolean;
  readonly schema: JsonSchema;
  readonly example?: unknown;
}

/** Where an operation is, its parameters, and its object as the document has it. */
export interface LocatedOperation {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** OpenAPI path template, e.g. `/v1/{project_id}/images/{id}`. */
  readonly path: string;
  /** The path item's and the operation's parameters (the operation's win), refs followed. */
  readonly parameters: readonly SpecParameter[];
  /** The operation object as the document has it (refs not followed). */
  readonly definition: Json;
}

/** A located operation with its body and response schemas, dereferenced. */
export interface SpecOperation extends LocatedOperation {
  /** JSON schema of the body, when the operation takes one. */
  readonly body?: { readonly required: boolean; readonly schema: JsonSchema } | undefined;
  /** The responses it declares by status ("200", "400", "default"…), with the JSON body schema when there is one. */
  readonly responses: Readonly<Record<string, { readonly schema?: JsonSchema | undefined }>>;
}

export interface SpecDocument {
  /** The document as parsed. */
  readonly raw: Json;
  /** Every operation, in document order. */
  readonly operations: readonly SpecOperation[];
  /** The operation with this operationId; throws if the document has none. */
  operation(operationId: string): SpecOperation;
  /** A schema of components.schemas, dereferenced (the same object on every call). */
  schema(name: string): JsonSchema;
  /** The schema of a parameter of components.parameters, dereferenced (the same object on every call). */
  parameterSchema(name: string): JsonSchema;
}

/** Absolute path of spec/dist/<document>.json. */
export declare function bundledDocumentPath(document?: BundledDocument): string;

/** A bundled document parsed, as it is in the file (a fresh copy each call). */
export declare function readBundledDocument(document?: BundledDocument): Json;

/** A bundled document described, read once per process and frozen (shared by all its callers). */
export declare function specDocument(document?: BundledDocument): SpecDocument;

/** The operations and schemas of any OpenAPI document, refs followed; the document is left as it is. */
export declare function describeDocument(raw: Json): SpecDocument;

/** Every operation of any OpenAPI document, in document order, its body and response schemas left as they are. */
export declare function locateOperations(raw: Json): LocatedOperation[];

/** An operation's path with its parameters filled in, URI-encoded; throws naming a parameter missing. */
export declare function fillPath(
  operation: { readonly operationId: string; readonly path: string },
  params: Readonly<Record<string, string>>,
): string;

/** Replaces every local `$ref` of `value` by (a copy of) what it points at in `root`. */
export declare function dereference(root: Json, value: Json): Json;

/** Follows a value's local `$ref`s; returns other values as they are, nested refs included. */
export declare function followRef(root: Json, value: Json): Json;

/**
 * The one Ajv set-up for the spec's schemas: JSON Schema 2020-12, ajv-formats, all errors, strict
 * mode, OpenAPI's annotation keywords and every `x-` keyword of `documents`; `options` add to it.
 */
export declare function createAjv(documents: readonly unknown[], options?: Options): Ajv2020;
