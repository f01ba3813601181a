// A bundled OpenAPI document (@notebook-image/spec/openapi.json, or control-openapi.json) and the pieces of it the server
// is built from: its operations (routes) and their parameter and body schemas, dereferenced so that
// a validator sees each schema whole, defaults and pattern hints included. Nothing here is typed
// again from the spec; it is all read from it at start.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export type JsonSchema = Record<string, unknown>;

export interface SpecParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: JsonSchema;
}

export interface SpecOperation {
  operationId: string;
  method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
  /** OpenAPI path template, e.g. `/v1/{project_id}/images/{id}`. */
  path: string;
  parameters: SpecParameter[];
  /** JSON schema of the body, when the operation takes one. */
  body?: { required: boolean; schema: JsonSchema } | undefined;
  /** The responses it declares by status ("200", "400"…), with the JSON body schema when there is one. */
  responses: Record<string, { schema?: JsonSchema | undefined }>;
}

export interface SpecDocument {
  raw: Record<string, unknown>;
  operations: SpecOperation[];
  /** A schema of components.schemas, dereferenced. */
  schema(name: string): JsonSchema;
  /** The schema of a parameter of components.parameters, dereferenced. */
  parameterSchema(name: string): JsonSchema;
}

/** The bundled documents of @notebook-image/spec: the ModelArts API, the server's control API, the IAM call it emulates. */
export type BundledDocument = "openapi" | "control-openapi" | "iam-openapi";

export function bundledSpecJsonPath(document: BundledDocument = "openapi"): string {
  try {
    return require.resolve(`@notebook-image/spec/${document}.json`);
  } catch {
    throw new Error(
      `spec/dist/${document}.json does not exist yet: build the spec first (pnpm --filter @notebook-image/spec build)`,
    );
  }
}

const METHODS = ["get", "post", "put", "delete", "patch"] as const;

export function loadSpecDocument(path = bundledSpecJsonPath()): SpecDocument {
  const raw = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  const deref = (value: unknown) => dereference(raw, value, []);
  const operations: SpecOperation[] = [];
  const paths = (raw.paths ?? {}) as Record<string, Record<string, unknown>>;
  for (const [template, rawItem] of Object.entries(paths)) {
    const item = deref(rawItem) as Record<string, unknown>;
    const shared = (item.parameters ?? []) as SpecParameter[];
    for (const method of METHODS) {
      const operation = item[method] as Record<string, unknown> | undefined;
      if (!operation) continue;
      const own = (operation.parameters ?? []) as SpecParameter[];
      // An operation's parameter overrides the path item's of the same name and location.
      const byKey = new Map<string, SpecParameter>();
      for (const p of [...shared, ...own])
        byKey.set(`${p.in}:${p.name}`, { ...p, required: p.required ?? false });
      const requestBody = operation.requestBody as
        | { required?: boolean; content?: Record<string, { schema?: JsonSchema }> }
        | undefined;
      const bodySchema = requestBody?.content?.["application/json"]?.schema;
      const declared = (operation.responses ?? {}) as Record<
        string,
        { content?: Record<string, { schema?: JsonSchema }> }
      >;
      const responses = Object.fromEntries(
        Object.entries(declared).map(([status, r]) => [
          status,
          { schema: r.content?.["application/json"]?.schema },
        ]),
      );
      operations.push({
        operationId: String(operation.operationId),
        method: method.toUpperCase() as SpecOperation["method"],
        path: template,
        parameters: [...byKey.values()],
        body: bodySchema ? { required: requestBody?.required ?? false, schema: bodySchema } : undefined,
        responses,
      });
    }
  }
  const components = ((raw.components ?? {}) as Record<string, unknown>).schemas as Record<string, unknown>;
  return {
    raw,
    operations,
    schema(name) {
      const schema = components?.[name];
      if (!schema) throw new Error(`the spec has no components.schemas.${name}`);
      return deref(schema) as JsonSchema;
    },
    parameterSchema(name) {
      const parameters = ((raw.components ?? {}) as Record<string, unknown>).parameters as Record<
        string,
        unknown
      >;
      const parameter = deref(parameters?.[name]) as { schema?: JsonSchema } | undefined;
      if (!parameter?.schema) throw new Error(`the spec has no components.parameters.${name}`);
      return parameter.schema;
    },
  };
}

/** Replaces every local `$ref` by (a copy of) what it points at; the spec has no cycles, a guard says so if it gets one. */
function dereference(root: unknown, value: unknown, seen: string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => dereference(root, v, seen));
  if (value === null || typeof value !== "object") return value;
  const object = value as Record<string, unknown>;
  const ref = object.$ref;
  if (typeof ref === "string" && ref.startsWith("#/")) {
    if (seen.includes(ref)) throw new Error(`the spec has a cyclic $ref: ${[...seen, ref].join(" → ")}`);
    const target = resolvePointer(root, ref);
    const { $ref: _, ...siblings } = object;
    const resolved = dereference(root, target, [...seen, ref]) as Record<string, unknown>;
    return { ...resolved, ...(dereference(root, siblings, seen) as Record<string, unknown>) };
  }
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(object)) copy[key] = dereference(root, child, seen);
  return copy;
}

function resolvePointer(root: unknown, ref: string): unknown {
  let node = root;
  for (const token of ref.slice(2).split("/")) {
    const key = decodeURIComponent(token).replaceAll("~1", "/").replaceAll("~0", "~");
    node = (node as Record<string, unknown> | undefined)?.[key];
    if (node === undefined) throw new Error(`the spec's $ref ${ref} points at nothing`);
  }
  return node;
}
