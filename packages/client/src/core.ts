// The client's core: options checked once, then one typed openapi-fetch client whose fetch adds
// auth, timeouts and safe retries. It has no operations of its own: each operation is a function
// of its own module (src/operations/), so that an app bundles only the ones it imports.
import createClient, { type Client } from "openapi-fetch";
import { createAuthenticator } from "./auth/authenticate.js";
import type { paths } from "./generated/openapi.js";
import { type NotebookImageClientOptions, type ResolvedOptions, resolveClientOptions } from "./options.js";
import { type AttemptSettings, createTransport, type Transport } from "./transport.js";

/** The core of a client: where it sends, and the typed openapi-fetch client with auth, timeouts, retries. */
export interface NotebookImageCore {
  readonly projectId: string;
  /** Where requests go, without a trailing slash. */
  readonly baseUrl: string;
  /** The typed openapi-fetch client, with the same auth, timeout and retries. It returns `{ data, error, response }`. */
  readonly api: Client<paths>;
}

/** What the operations need of a core, kept out of the public object (and so out of any log of it). */
export interface CoreInternals {
  options: ResolvedOptions;
  settings: AttemptSettings;
  transport: Transport;
}

const internals = new WeakMap<object, CoreInternals>();

/** The internals of a core made by createNotebookImageCore (or createNotebookImageClient). */
export function internalsOf(core: NotebookImageCore): CoreInternals {
  const found = internals.get(core);
  if (!found)
    throw new TypeError("not a client made by createNotebookImageClient or createNotebookImageCore");
  return found;
}

/**
 * A client core with no operations: pass it to the operation functions you import
 * (`saveInstanceAsImage(core, id, body)`), so that a bundle holds only those.
 * @throws {RequestValidationError} listing every problem of the options
 */
export function createNotebookImageCore(options: NotebookImageClientOptions): NotebookImageCore {
  return coreFrom(resolveClientOptions(options));
}

/** A core from options already checked (a dry run makes one with placeholder credentials). */
export function coreFrom(options: ResolvedOptions, transport?: Transport): NotebookImageCore {
  const settings: AttemptSettings = {
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    logger: options.logger,
  };
  const send =
    transport ??
    createTransport({
      fetch: options.fetch,
      authenticate: options.auth
        ? createAuthenticator(options.auth, options.projectId)
        : () => {
            throw new TypeError("no credentials");
          },
      ...settings,
    });
  const api = createClient<paths>({
    baseUrl: options.baseUrl,
    headers: options.headers,
    // openapi-fetch hands its requestInitExt as a second argument; the transport passes it on.
    fetch: ((request: Request, init?: RequestInit) => send(request, init)) as (
      request: Request,
    ) => Promise<Response>,
  });
  const core: NotebookImageCore = { projectId: options.projectId, baseUrl: options.baseUrl, api };
  internals.set(core, { options, settings, transport: send });
  return core;
}
