// The client's core: options checked once, one transport that adds auth, timeouts and safe retries,
// and the typed openapi-fetch client `api` that sends through it. It has no operations of its own:
// each operation is a function of its own module (src/operations/), so that an app bundles only
// the ones it imports.
import createClient, { type Client } from "openapi-fetch";
import { type Auth, createAuthenticator } from "./auth/authenticate.js";
import type { paths } from "./generated/openapi.js";
import { type NotebookImageClientOptions, type ResolvedOptions, resolveClientOptions } from "./options.js";
import { type AttemptSettings, createTransport, fetchThrough, type Transport } from "./transport.js";

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
  /** Middleware was added to `api` (`api.use`): the operations then send through `api` too. */
  middleware: boolean;
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
      // Options resolved for a client always have credentials; only a dry run, which brings its
      // own transport, resolves options without.
      authenticate: createAuthenticator(options.auth as Auth, options.projectId),
      ...settings,
    });
  const api = createClient<paths>({
    baseUrl: options.baseUrl,
    headers: options.headers,
    fetch: fetchThrough(send) as (request: Request) => Promise<Response>,
  });
  const core: NotebookImageCore = { projectId: options.projectId, baseUrl: options.baseUrl, api };
  const inner: CoreInternals = { options, settings, transport: send, middleware: false };
  // The operations build their requests as openapi-fetch does and hand them to the transport
  // directly, without a Request to build and take apart again; a middleware added to `api` must
  // still see them, so from then on they go through `api`.
  const { use } = api;
  api.use = (...middleware) => {
    inner.middleware = true;
    use(...middleware);
  };
  internals.set(core, inner);
  return core;
}
