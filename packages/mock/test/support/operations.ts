// Every operation of the bundled spec, ready to be called on the mock: its path filled with the
// spec's example parameters, its request body (when one is required) from its first named example,
// its responses with refs followed. So that the contract tests cover each operation the spec has,
// without a path, status or example name typed here.
import { createSpecAjv, deref, operations } from "@notebook-image/spec/testing";
import { spec, tokenHeaders } from "./contract.js";

type Media = { schema: { $ref: string }; examples?: Record<string, unknown> };
type Response = { headers?: Record<string, unknown>; content?: Record<string, Media> };
type Parameter = { name: string; in: string; required?: boolean; example?: unknown };

export interface SpecOperation {
  operationId: string;
  method: string;
  /** The path template, e.g. "/v1/{project_id}/images/{id}". */
  template: string;
  /** The path with every path parameter set to its example. */
  path: string;
  /** The request body to send: the first named example of a required body, else undefined. */
  body: unknown;
  /** Responses by status code, refs followed. */
  responses: Record<string, Response>;
}

const { validator } = createSpecAjv(spec);

function firstExample(media: Media | undefined): unknown {
  const name = Object.keys(media?.examples ?? {})[0];
  return name === undefined ? undefined : deref(spec, media?.examples?.[name]).value;
}

function fillPath(template: string, parameters: Parameter[]): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const parameter = parameters.find((candidate) => candidate.in === "path" && candidate.name === name);
    if (parameter?.example === undefined)
      throw new Error(`the spec gives no example for path parameter ${name}`);
    return encodeURIComponent(String(parameter.example));
  });
}

export const specOperations: SpecOperation[] = operations(spec).map(
  ({ operationId, method, path: template, operation, parameters }) => {
    const requestBody = operation.requestBody ? deref(spec, operation.requestBody) : undefined;
    return {
      operationId,
      method: method.toUpperCase(),
      template,
      path: fillPath(template, parameters as Parameter[]),
      body: requestBody?.required ? firstExample(requestBody.content?.["application/json"]) : undefined,
      responses: Object.fromEntries(
        Object.entries(operation.responses as Record<string, unknown>).map(([status, response]) => [
          status,
          deref(spec, response),
        ]),
      ),
    } satisfies SpecOperation;
  },
);

/** The JSON body of a status of the operation, or undefined when it has none. */
export function jsonBodyOf(operation: SpecOperation, status: string): Media | undefined {
  return operation.responses[status]?.content?.["application/json"];
}

/** Value of a named example of a status' JSON body. */
export function exampleOf(operation: SpecOperation, status: string, name: string): unknown {
  return deref(spec, jsonBodyOf(operation, status)?.examples?.[name]).value;
}

/** Ajv's errors for `body` under the schema of the operation's `status` JSON body, or null. */
export function bodyErrorsOf(operation: SpecOperation, status: string, body: unknown): unknown[] | null {
  const media = jsonBodyOf(operation, status);
  if (!media) throw new Error(`${operation.operationId} declares no JSON body for ${status}`);
  const validate = validator(media.schema.$ref);
  return validate(body) ? null : (validate.errors ?? []);
}

/** Calls the operation on `baseUrl` with a token, its example path and body, and `Prefer` if given. */
export function call(
  baseUrl: string,
  operation: SpecOperation,
  prefer?: string,
): Promise<globalThis.Response> {
  const { "content-type": contentType, ...auth } = tokenHeaders;
  return fetch(`${baseUrl}${operation.path}`, {
    method: operation.method,
    headers: {
      ...auth,
      ...(operation.body === undefined ? {} : { "content-type": contentType }),
      ...(prefer ? { prefer } : {}),
    },
    ...(operation.body === undefined ? {} : { body: JSON.stringify(operation.body) }),
    signal: AbortSignal.timeout(10_000),
  });
}
