// A client of the server's control API (/_control/…), for the tests, demos and benchmarks that set
// a server up: notebooks (containers with the docker engine), organizations, transitions, faults.
// It is not the ModelArts API: its contract is the control document of @notebook-image/spec
// (control-openapi.json), whose generated types type every call here (openapi-fetch). It imports
// nothing of Node's: a web page (apps/web's console) takes it from the "./control-client" subpath.
import type { components, paths } from "@notebook-image/spec/control-types";
import createClient from "openapi-fetch";
import { CONTROL_TOKEN_HEADER } from "./control-token.js";

type Schemas = components["schemas"];

export type NewNotebook = Schemas["NewNotebook"];
/** A notebook as the control API answers it (ShowNotebook's body). */
export type ControlNotebook = Schemas["Notebook"];
export type TransitionSettings = Schemas["TransitionSettings"];
export type FaultSettings = Schemas["FaultSettings"];
export type ControlHealth = Schemas["Health"];
/** GET /_control/requests' answer: the last requests, newest first. */
export type ControlRequestLog = Schemas["RequestLog"];
/** Temporary credentials in the form IAM's STS answers them (`access`, `secret`, `securitytoken`, `expires_at`). */
export type TemporaryCredential = Schemas["TemporaryCredential"];

export interface ControlClientOptions {
  /** The server's control token (`--control-token`), when it was started with one. */
  token?: string | undefined;
  /** Limit of each call, in milliseconds (default 30,000: creating a container may pull its image). */
  timeoutMs?: number | undefined;
}

/** A control call the server refused; `message` is the server's own. */
export class ControlRequestError extends Error {
  override readonly name = "ControlRequestError";
  constructor(
    readonly httpStatus: number,
    readonly route: string,
    serverMessage: string,
  ) {
    super(`${route}: HTTP ${httpStatus}: ${serverMessage}`);
  }
}

export interface ControlClient {
  createNotebook(notebook?: NewNotebook): Promise<ControlNotebook>;
  /** Every notebook instance, of every project, oldest first. */
  notebooks(): Promise<ControlNotebook[]>;
  setNotebookStatus(notebookId: string, status: Schemas["NotebookStatus"]): Promise<ControlNotebook>;
  addNamespace(name: string): Promise<Schemas["Namespace"]>;
  /** The gateway accepts these temporary credentials from now on (with their security token, until they expire). */
  addTemporaryCredential(credential: TemporaryCredential): Promise<Schemas["TemporaryCredentialAdded"]>;
  setTransitions(transitions: TransitionSettings): Promise<TransitionSettings>;
  setFaults(faults: FaultSettings): Promise<FaultSettings>;
  /** Makes the image's next step due now; resolves with the image once it moved. */
  advanceImage(imageId: string): Promise<Schemas["Image"]>;
  /** Forgets everything: back to the ready-to-use state. */
  reset(): Promise<Schemas["ResetDone"]>;
  health(): Promise<ControlHealth>;
  /** The last requests the server answered, newest first (at most `limit`). */
  requests(limit?: number): Promise<ControlRequestLog>;
}

/** What openapi-fetch resolves with: the body on success, the parsed error body otherwise. */
interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The control API of the server at `baseUrl` (e.g. `RunningServer.url`). */
export function createControlClient(baseUrl: string, options: ControlClientOptions = {}): ControlClient {
  const client = createClient<paths>({
    baseUrl: baseUrl.replace(/\/$/, ""),
    headers: options.token === undefined ? {} : { [CONTROL_TOKEN_HEADER]: options.token },
  });
  const timeoutMs = options.timeoutMs ?? 30_000;
  const limit = () => AbortSignal.timeout(timeoutMs);
  const id = (value: string) => ({ id: value });
  /** The body, or a ControlRequestError naming the route and the server's message. */
  async function answer<T>(method: string, call: Promise<FetchResult<T>>): Promise<T> {
    const { data, error, response } = await call;
    if (response.ok) return data as T;
    const route = `${method} ${new URL(response.url).pathname}`;
    const message =
      typeof error === "object" && error !== null && "error_msg" in error
        ? String(error.error_msg)
        : String(error ?? response.statusText);
    throw new ControlRequestError(response.status, route, message);
  }
  return {
    createNotebook: (notebook = {}) =>
      answer("POST", client.POST("/_control/notebooks", { body: notebook, signal: limit() })),
    notebooks: async () =>
      (await answer("GET", client.GET("/_control/notebooks", { signal: limit() }))).notebooks,
    setNotebookStatus: (notebookId, status) =>
      answer(
        "PUT",
        client.PUT("/_control/notebooks/{id}/status", {
          params: { path: id(notebookId) },
          body: { status },
          signal: limit(),
        }),
      ),
    addNamespace: (name) =>
      answer("POST", client.POST("/_control/namespaces", { body: { name }, signal: limit() })),
    addTemporaryCredential: (credential) =>
      answer("POST", client.POST("/_control/temporary-credentials", { body: credential, signal: limit() })),
    setTransitions: (transitions) =>
      answer("PUT", client.PUT("/_control/transitions", { body: transitions, signal: limit() })),
    setFaults: (faults) => answer("POST", client.POST("/_control/faults", { body: faults, signal: limit() })),
    advanceImage: (imageId) =>
      answer(
        "POST",
        client.POST("/_control/images/{id}/advance", { params: { path: id(imageId) }, signal: limit() }),
      ),
    reset: () => answer("POST", client.POST("/_control/reset", { signal: limit() })),
    health: () => answer("GET", client.GET("/_control/health", { signal: limit() })),
    requests: (count) =>
      answer(
        "GET",
        client.GET("/_control/requests", {
          params: { query: count === undefined ? {} : { limit: count } },
          signal: limit(),
        }),
      ),
  };
}
