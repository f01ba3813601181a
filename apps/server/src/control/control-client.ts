// A client of the server's control API (/_control/…), for the tests, demos and benchmarks that set
// a server up: notebooks (containers with the docker engine), organizations, transitions, faults.
// It is not the ModelArts API and has no spec of its own; the routes and their bodies are
// control-routes.ts'.
import type { TransitionSettings } from "../domain/store-port.js";
import { CONTROL_TOKEN_HEADER } from "./control-guard.js";

export interface ControlClientOptions {
  /** The server's control token (`--control-token`), when it was started with one. */
  token?: string | undefined;
  /** Limit of each call, in milliseconds (default 30,000: creating a container may pull its image). */
  timeoutMs?: number | undefined;
}

/** A notebook as the control API creates it. */
export interface ControlNotebook {
  id: string;
  name: string;
  status: string;
  project_id: string;
  [field: string]: unknown;
}

export interface NewNotebook {
  /** Default: a random UUID. */
  id?: string;
  name?: string;
  /** Default RUNNING. */
  status?: string;
  /** Default: the server's first project. */
  project_id?: string;
  /** With the docker engine: the image the notebook's container runs (pulled if missing). */
  image?: string;
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
  setNotebookStatus(notebookId: string, status: string): Promise<ControlNotebook>;
  addNamespace(name: string): Promise<unknown>;
  setTransitions(transitions: TransitionSettings): Promise<TransitionSettings>;
  setFaults(faults: { failNextSaves: number; statusMessage: string }): Promise<unknown>;
  /** Makes the image's next step due now; resolves with the image once it moved. */
  advanceImage(imageId: string): Promise<Record<string, unknown>>;
  /** Forgets everything: back to the ready-to-use state. */
  reset(): Promise<unknown>;
  health(): Promise<Record<string, unknown>>;
}

/** The control API of the server at `baseUrl` (e.g. `RunningServer.url`). */
export function createControlClient(baseUrl: string, options: ControlClientOptions = {}): ControlClient {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const route = `${method} /_control${path}`;
    const response = await fetch(`${baseUrl.replace(/\/$/, "")}/_control${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(options.token === undefined ? {} : { [CONTROL_TOKEN_HEADER]: options.token }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { error_msg?: string }).error_msg ?? text;
      } catch {
        // not the control API's JSON error: the text as it came
      }
      throw new ControlRequestError(response.status, route, message);
    }
    return (text === "" ? undefined : JSON.parse(text)) as T;
  };
  const id = (value: string) => encodeURIComponent(value);
  return {
    createNotebook: (notebook = {}) => call("POST", "/notebooks", notebook),
    setNotebookStatus: (notebookId, status) => call("PUT", `/notebooks/${id(notebookId)}/status`, { status }),
    addNamespace: (name) => call("POST", "/namespaces", { name }),
    setTransitions: (transitions) => call("PUT", "/transitions", transitions),
    setFaults: (faults) => call("POST", "/faults", faults),
    advanceImage: (imageId) => call("POST", `/images/${id(imageId)}/advance`),
    reset: () => call("POST", "/reset"),
    health: () => call("GET", "/health"),
  };
}
