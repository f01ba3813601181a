// The server under test, started on a free port with Prism's validating proxy in front of it
// (`prism proxy <spec> <server> --errors`): every response that comes back through `api()` has been
// checked against the spec by Prism, and a violation fails the test. Requests Prism cannot carry
// as they are (AK/SK: it rewrites Host and re-serialises the body; malformed JSON: it hangs) go
// `direct()`, and their responses are checked against the spec's response schemas here. A Prism
// proxy is reused by the worker's next harness once this one closes (validating-proxies.ts).
import { randomUUID } from "node:crypto";
import type { MockServer } from "@notebook-image/mock";
import { createAjv, fillPath, type SpecDocument, specDocument } from "@notebook-image/spec/reader";
import { expect } from "vitest";
import { DEV_NOTEBOOK_ID, DEV_PROJECT_ID } from "../../src/domain/seed.js";
import { DEV_CREDENTIALS, type RunningServer, type ServerOptions } from "../../src/server.js";
import { startTestServer } from "./start-test-server.js";
import { type HeldProxy, holdValidatingProxy } from "./validating-proxies.js";

/** The API's document, as the server reads it (the same object: read once per process). */
export const spec = specDocument("openapi");
/** The control API's own document (control-openapi.json). */
export const controlDocument = specDocument("control-openapi");
// Checks responses, so no defaults are filled in and no types coerced: the body is judged as sent.
const ajv = createAjv([spec.raw, controlDocument.raw]);

export { DEV_CREDENTIALS, DEV_NOTEBOOK_ID, DEV_PROJECT_ID };

/** The path of an operation of the spec, its parameters filled in. */
export function pathOf(operationId: string, params: Record<string, string>): string {
  return fillPath(spec.operation(operationId), params);
}

/** The HTTP method of an operation of the spec, upper case. */
export function methodOf(operationId: string): string {
  return spec.operation(operationId).method;
}

// biome-ignore lint/suspicious/noExplicitAny: a test reads the fields of a body whose shape it asserts
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallInit {
  /** An object is sent as JSON; a string as it is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Default: the development token. "none" sends no credentials. */
  auth?: "token" | "none";
  query?: Record<string, string>;
  /** Client-side limit (default 10 s): nothing in a test waits forever. */
  timeoutMs?: number;
}

async function call(base: string, method: string, path: string, init: CallInit = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...init.headers };
  if ((init.auth ?? "token") === "token") headers["x-auth-token"] ??= DEV_CREDENTIALS.token;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    headers["content-type"] ??= "application/json";
  }
  const query = init.query ? `?${new URLSearchParams(init.query)}` : "";
  const response = await fetch(`${base}${path}${query}`, {
    method,
    headers,
    body: body ?? null,
    signal: AbortSignal.timeout(init.timeoutMs ?? 10_000),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    // Not JSON: kept as text for the assertion to show.
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/**
 * Throws unless the response is one the document (the spec, or the control API's) declares for
 * this request, with a body its schema accepts.
 */
export function assertMatchesSpec(
  method: string,
  path: string,
  response: ApiResponse,
  document: SpecDocument = spec,
): void {
  const pathname = path.split("?")[0] as string;
  const operation = document.operations.find(
    (op) =>
      op.method === method.toUpperCase() &&
      new RegExp(`^${op.path.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(pathname),
  );
  if (!operation) throw new Error(`no operation of the spec serves ${method} ${pathname}`);
  const declared = operation.responses[String(response.status)] ?? operation.responses.default;
  if (!declared) {
    throw new Error(
      `${operation.operationId} answered ${response.status}, a status the spec does not declare`,
    );
  }
  if (declared.schema) {
    const validate = ajv.compile(declared.schema);
    if (!validate(response.body)) {
      throw new Error(
        `${operation.operationId} ${response.status} breaks the spec: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(response.body)}`,
      );
    }
  }
}

/** The server under test, every response checked against the spec here. */
export interface DirectHarness {
  server: RunningServer;
  /** Straight to the server, the response checked against the spec here. */
  direct(method: string, path: string, init?: CallInit): Promise<ApiResponse>;
  /** The control API, straight to the server, the response checked against the control document. */
  control(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse>;
  /** A new RUNNING (or given status) notebook of the development project; returns its id. */
  newNotebook(status?: string): Promise<string>;
  close(): Promise<void>;
}

/** The server under test with Prism's validating proxy in front of it. */
export interface Harness extends DirectHarness {
  proxy: MockServer;
  /** Through Prism's validating proxy. */
  api(method: string, path: string, init?: CallInit): Promise<ApiResponse>;
  /**
   * An operation of the spec by its operationId, through Prism's validating proxy, its path filled
   * in from `params`; `project_id` is the development project's unless `params` gives one.
   */
  callOperation(operationId: string, params?: Record<string, string>, init?: CallInit): Promise<ApiResponse>;
}

/** The body of a 200 answer, as the test expects it to be; any other status fails, showing the body. */
export async function ok<T>(response: Promise<{ status: number; body: unknown }>): Promise<T> {
  const answer = await response;
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as T;
}

/**
 * The server alone, for tests whose requests all go straight to it (signed ones, malformed ones):
 * starting a Prism proxy that no request goes through costs a few CPU-seconds.
 */
export async function startDirectHarness(options: ServerOptions = {}): Promise<DirectHarness> {
  return directHarness(await startTestServer(options));
}

export async function startHarness(options: ServerOptions = {}): Promise<Harness> {
  const server = await startTestServer(options);
  // Prism's proxy of a harness of this worker that closed, if any (validating-proxies.ts).
  let held: HeldProxy;
  try {
    held = await holdValidatingProxy(server.url);
  } catch (error) {
    await server.close();
    throw error;
  }
  const { proxy } = held;
  const direct = directHarness(server);
  async function api(method: string, path: string, init?: CallInit): Promise<ApiResponse> {
    const response = await call(proxy.url, method, path, init);
    if (response.headers.get("content-type")?.includes("problem+json")) {
      throw new Error(
        `Prism refused the server's response to ${method} ${path}: ${JSON.stringify(response.body)}`,
      );
    }
    // Prism only warns about an undeclared error status; the spec's own check here does not.
    assertMatchesSpec(method, path, response);
    return response;
  }
  return {
    ...direct,
    proxy,
    api,
    callOperation(operationId, params = {}, init) {
      const path = pathOf(operationId, { project_id: DEV_PROJECT_ID, ...params });
      return api(methodOf(operationId), path, init);
    },
    async close() {
      held.release();
      await direct.close();
    },
  };
}

function directHarness(server: RunningServer): DirectHarness {
  const harness: DirectHarness = {
    server,
    async direct(method, path, init) {
      const response = await call(server.url, method, path, init);
      assertMatchesSpec(method, path, response);
      return response;
    },
    async control(method, path, body, headers) {
      const response = await call(server.url, method, `/_control${path}`, {
        body,
        auth: "none",
        ...(headers ? { headers } : {}),
      });
      assertMatchesSpec(method, `/_control${path}`, response, controlDocument);
      return response;
    },
    async newNotebook(status) {
      const id = randomUUID();
      const response = await harness.control("POST", "/notebooks", { id, ...(status ? { status } : {}) });
      if (response.status !== 201)
        throw new Error(`creating a notebook failed: ${JSON.stringify(response.body)}`);
      return id;
    },
    async close() {
      await server.close();
    },
  };
  return harness;
}

/** Polls until `done` accepts a value (every 25 ms, at most timeoutMs). */
export async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`gave up waiting after ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
