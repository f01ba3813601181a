// Types of `@notebook-image/spec/testing` (testing/index.js). The bundled document is walked
// generically, so it is typed as `any`.
import type { Ajv2020, ValidateFunction } from "ajv/dist/2020.js";

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document walked generically
type Json = any;

/** Absolute path of spec/dist/openapi.json. */
export declare const bundledSpecJsonPath: string;

/** The bundled spec (spec/dist/openapi.json), parsed. */
export declare function loadBundledSpec(): Json;

/** An Ajv 2020-12 instance that knows the whole spec, and validators of its schemas by JSON pointer. */
export declare function createSpecAjv(spec: Json): {
  ajv: Ajv2020;
  /** Validator of the schema at a JSON pointer of the bundled document, e.g. "#/components/schemas/Image". */
  validator(pointer: string): ValidateFunction;
};

/** Follows local `$ref`s (`#/components/...`) of the bundled document; returns other values as they are. */
export declare function deref(spec: Json, value: Json): Json;

export interface LocatedOperation {
  operationId: string;
  path: string;
  method: string;
  operation: Json;
  /** The path item's and the operation's parameters, refs followed. */
  parameters: Json[];
}

/** Every operation of the document, in document order. */
export declare function operations(spec: Json): LocatedOperation[];

/** The operation with this operationId; throws if the spec has none. */
export declare function findOperation(spec: Json, operationId: string): LocatedOperation;

/** The example of a path or query parameter of an operation; throws if the spec gives none. */
export declare function parameterExample(spec: Json, operationId: string, name: string): Json;

/**
 * The value of a named example of an operation's JSON request body (no `status`) or of one of its
 * responses; without a name, the first one (what Prism answers by default). Throws if missing.
 */
export declare function jsonExample(
  spec: Json,
  operationId: string,
  which?: { status?: string; name?: string },
): Json;

/** An operation's path with its parameters filled in (URI-encoded). */
export declare function operationPath(
  spec: Json,
  operationId: string,
  params: Record<string, string>,
): string;

/** The create-image example every app's tests start from (path examples, request, answered image, filled-in path). */
export declare function createImageExamples(spec: Json): {
  projectId: string;
  instanceId: string;
  /** The reference page's request: name, namespace, tag, description, workspace_id. */
  request: Record<string, string>;
  /** The image the create-image example answers with. */
  image: Record<string, unknown> & {
    id: string;
    name: string;
    tag: string;
    status: string;
    swr_path: string;
  };
  /** The create-image path of the examples' project and instance. */
  path: string;
};
