// createNotebookImageClient: options checked once, then one typed openapi-fetch client whose
// fetch adds auth, timeouts and safe retries, and saveInstanceAsImage on top of it.
import createClient, { type Client } from "openapi-fetch";
import { toApiError } from "./api-error.js";
import { type Auth, createAuthenticator } from "./auth/authenticate.js";
import { resolveBaseUrl } from "./endpoint.js";
import { issue, RequestValidationError, UnexpectedResponseError, type ValidationIssue } from "./errors.js";
import type { paths } from "./generated/openapi.js";
import { CREATE_IMAGE_PATH, DEFAULT_REGION } from "./generated/spec-facts.js";
import { checkHeaders, checkHeaderValue } from "./headers.js";
import { DEFAULT_RETRY, type RetryOptions } from "./retry.js";
import { createTransport } from "./transport.js";
import type { CreateImageRequest, Image, Region } from "./types.js";
import { validateCreateImageRequest, validateInstanceId, validateProjectId } from "./validation.js";

export interface NotebookImageClientOptions {
  /** Huawei Cloud project id (IAM console → My Credentials → Projects). */
  projectId: string;
  /** Region of the notebook instance; requests go to `https://modelarts.{region}.myhuaweicloud.com`. Default `cn-north-4`. */
  region?: Region;
  /** Overrides `region`: a mock, a proxy. Must be https:// unless the host is loopback or `allowInsecureHttp` is set. */
  baseUrl?: string;
  /** `{ token }` (IAM token) or `{ accessKey, secretKey, securityToken? }` (AK/SK signing). */
  auth: Auth;
  /** Time limit of each attempt, until the whole response is read. Default 60 000 ms. */
  timeoutMs?: number;
  /** Retries of requests that certainly were not processed (429, 503, refused connections); `false` turns them off. */
  retry?: RetryOptions | false;
  /** The fetch to use; default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Extra headers for every request. */
  headers?: Record<string, string>;
  /** Allows a plain http:// `baseUrl` to a non-loopback host. Credentials then travel in clear text. */
  allowInsecureHttp?: boolean;
}

export interface CallOptions {
  /** Cancels the call, including a wait between retries. */
  signal?: AbortSignal;
  /** Extra headers for this call, e.g. `{ Prefer: "code=429" }` for the Prism mock. */
  headers?: Record<string, string>;
}

export interface NotebookImageClient {
  readonly projectId: string;
  /** Where requests go, without a trailing slash. */
  readonly baseUrl: string;
  /**
   * Saves a running notebook instance as an image (`POST /v1/{project_id}/notebooks/{id}/create-image`).
   * Resolves with the new image (status `INIT`); the save goes on in the background.
   * @throws {RequestValidationError} before sending anything, when the id or the body is invalid
   * @throws {ModelArtsApiError} when ModelArts answers with an error status
   * @throws {TimeoutError | NetworkError} when no answer came
   */
  saveInstanceAsImage(instanceId: string, body: CreateImageRequest, options?: CallOptions): Promise<Image>;
  /** The typed openapi-fetch client, with the same auth, timeout and retries. It returns `{ data, error, response }`. */
  readonly api: Client<paths>;
}

export function createNotebookImageClient(options: NotebookImageClientOptions): NotebookImageClient {
  if (!options || typeof options !== "object") {
    throw new RequestValidationError(
      [issue("options", "required", "must be an object with projectId and auth")],
      "client options",
    );
  }
  const { projectId, auth, headers, retry } = options;
  // Every problem of the options at once, in the order of the options' documentation.
  const issues = validateProjectId(projectId);
  const baseUrl = resolveBaseUrl(
    issues,
    options.region ?? DEFAULT_REGION,
    options.baseUrl,
    options.allowInsecureHttp === true,
  );
  checkAuth(issues, auth);
  checkHeaders(issues, "headers", headers);
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (typeof timeoutMs !== "number" || !(timeoutMs > 0)) {
    issues.push(issue("timeoutMs", "minimum", "must be a number of milliseconds above 0"));
  }
  const policy = retry === false ? undefined : { ...DEFAULT_RETRY, ...retry };
  for (const key of ["retries", "baseDelayMs", "maxDelayMs"] as const) {
    if (policy && !(Number.isInteger(policy[key]) && policy[key] >= 0)) {
      issues.push(issue(`retry.${key}`, "minimum", "must be an integer ≥ 0"));
    }
  }
  if (issues.length > 0) throw new RequestValidationError(issues, "client options");

  const api = createClient<paths>({
    baseUrl,
    headers: headers ?? {},
    fetch: createTransport({
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      authenticate: createAuthenticator(auth, projectId),
      timeoutMs,
      retry: policy,
    }),
  });

  return {
    projectId,
    baseUrl,
    api,
    async saveInstanceAsImage(instanceId, body, call = {}) {
      const problems = [...validateInstanceId(instanceId), ...validateCreateImageRequest(body)];
      checkHeaders(problems, "options.headers", call.headers);
      if (problems.length > 0) throw new RequestValidationError(problems);
      // The success body is parsed here, not by openapi-fetch, so that a malformed one becomes an
      // UnexpectedResponseError instead of a bare SyntaxError.
      const {
        data: text,
        error,
        response,
      } = await api.POST(CREATE_IMAGE_PATH, {
        params: { path: { project_id: projectId, id: instanceId } },
        body,
        parseAs: "text",
        signal: call.signal ?? null,
        headers: call.headers ?? {},
      });
      if (!response.ok) throw toApiError(response, error);
      let image: unknown;
      try {
        image = text ? JSON.parse(text) : undefined;
      } catch {
        image = text;
      }
      if (!image || typeof image !== "object" || Array.isArray(image)) {
        throw new UnexpectedResponseError(
          `${response.status}: the response body is ${text ? "not an image object" : "empty"}; the save may have started, so check before calling again`,
          {
            status: response.status,
            requestId: response.headers.get("x-request-id") ?? undefined,
            body: image,
          },
        );
      }
      return image as Image;
    },
  };
}

/** Adds to `issues` what makes `auth` unusable: neither shape, or a value that cannot be sent. */
function checkAuth(issues: ValidationIssue[], auth: Auth | undefined) {
  if (!auth || typeof auth !== "object") {
    issues.push(issue("auth", "required", "is required: { token } or { accessKey, secretKey }"));
  } else if ("token" in auth) {
    checkHeaderValue(issues, "auth.token", auth.token);
  } else if ("accessKey" in auth || "secretKey" in auth) {
    checkHeaderValue(issues, "auth.accessKey", auth.accessKey);
    // The secret key is never sent, only used to sign: any non-empty string will do.
    if (typeof auth.secretKey !== "string" || auth.secretKey === "") {
      issues.push(issue("auth.secretKey", "required", "must be a non-empty string"));
    }
    if (auth.securityToken !== undefined) checkHeaderValue(issues, "auth.securityToken", auth.securityToken);
  } else {
    issues.push(issue("auth", "required", "must be { token } or { accessKey, secretKey }"));
  }
}
