// The client's core: options checked once, one transport that adds auth, timeouts and safe retries,
// and the typed openapi-fetch client `api` that sends through it. Every request goes through `api`,
// the operations' too, so middleware added with `api.use()` sees them all. The core has no
// operations of its own: each operation is a function of its own module (src/operations/), so that
// an app bundles only the ones it imports.
import createClient, { type Client } from "openapi-fetch";
import { createAuthenticator } from "./auth/authenticate.js";
import { RequestValidationError, type ValidationIssue } from "./errors.js";
import type { paths } from "./generated/openapi.js";
import {
  checkMilliseconds,
  type NotebookImageClientOptions,
  resolveClientOptions,
  resolveRetry,
} from "./options.js";
import type { RetryOptions } from "./retry.js";
import { type AttemptSettings, createTransport, type RequestFetch } from "./transport.js";

/** A call's own time limit and retries, instead of the client's. */
export interface AttemptOverrides {
  /** Time limit of each attempt of this call, instead of the client's. */
  timeoutMs?: number;
  /** Retries of this call, on top of the client's (`false`: none). */
  retry?: RetryOptions | false;
}

/** The core of a client: where it sends, and the typed openapi-fetch client with auth, timeouts, retries. */
export interface NotebookImageCore {
  readonly projectId: string;
  /** Where requests go, without a trailing slash. */
  readonly baseUrl: string;
  /** The typed openapi-fetch client, with the same auth, timeout and retries. It returns `{ data, error, response }`. */
  readonly api: Client<paths>;
  /**
   * The fetch of `api` with a call's own time limit and retries, for openapi-fetch's per-request
   * `fetch` option: `api.GET(path, { params, fetch: core.fetchWith({ timeoutMs: 5_000 }) })`.
   * The overrides are checked: their problems are added to `issues` when given, else thrown.
   * @throws {RequestValidationError} without `issues`, when an override is invalid
   */
  fetchWith(overrides: AttemptOverrides, issues?: ValidationIssue[]): RequestFetch;
}

/**
 * A client core with no operations: pass it to the operation functions you import
 * (`saveInstanceAsImage(core, id, body)`), so that a bundle holds only those.
 * @throws {RequestValidationError} listing every problem of the options
 */
export function createNotebookImageCore(options: NotebookImageClientOptions): NotebookImageCore {
  const resolved = resolveClientOptions(options);
  const settings: AttemptSettings = {
    timeoutMs: resolved.timeoutMs,
    retry: resolved.retry,
    logger: resolved.logger,
  };
  // The transport holds the credentials in its closure: no property of the core shows them.
  const transport = createTransport({
    fetch: resolved.fetch,
    authenticate: createAuthenticator(resolved.auth, resolved.projectId),
  });
  return {
    projectId: resolved.projectId,
    baseUrl: resolved.baseUrl,
    api: createClient<paths>({
      baseUrl: resolved.baseUrl,
      headers: resolved.headers,
      fetch: transport(settings),
    }),
    fetchWith(overrides, issues) {
      const problems = issues ?? [];
      const { timeoutMs = settings.timeoutMs, retry } = overrides;
      checkMilliseconds(problems, "options.timeoutMs", timeoutMs);
      const policy =
        retry === false
          ? undefined
          : retry === undefined
            ? settings.retry
            : resolveRetry(problems, "options.retry", retry, settings.retry);
      if (!issues && problems.length > 0) throw new RequestValidationError(problems);
      return transport({ ...settings, timeoutMs, retry: policy });
    },
  };
}
