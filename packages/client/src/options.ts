// The client's options: what they are, and every problem they can have, checked before any client
// exists. Exported as validateClientOptions so that apps check a form or flags without building a
// throwaway client.

import { HAS_SM3 } from "#crypto";
import type { AkSkAuth, Auth } from "./auth/authenticate.js";
import { SIGNING_ALGORITHMS } from "./auth/sdk-hmac-sha256.js";
import { DEFAULT_TIMEOUT_MS } from "./defaults.js";
import { resolveBaseUrl } from "./endpoint.js";
import { issue, RequestValidationError, type ValidationIssue } from "./errors.js";
import { DEFAULT_REGION } from "./generated/spec-facts.js";
import { checkHeaders, checkHeaderValue } from "./headers.js";
import type { AttemptLogger } from "./log.js";
import { DEFAULT_RETRY, type RetryOptions, type RetryPolicy } from "./retry.js";
import type { Region } from "./types.js";
import { validateProjectId } from "./validation.js";

export interface NotebookImageClientOptions {
  /** Huawei Cloud project id (IAM console → My Credentials → Projects). */
  projectId: string;
  /**
   * Region of the notebook instance. Default `cn-north-4`. Requests go to the region's endpoint in
   * Huawei's SDK catalogue (`REGION_ENDPOINTS`: `https://modelarts.{region}.myhuaweicloud.com`, but
   * `.cn` for ap-southeast-1), or to `regionEndpoints[region]`. Any well-formed region name is
   * accepted: one the catalogue does not know goes to `https://modelarts.{region}.myhuaweicloud.com`.
   */
  region?: Region;
  /**
   * Endpoints by region that replace the catalogue's, as Huawei's SDKs take them from
   * `HUAWEICLOUD_SDK_REGION_MODELARTS_<REGION>` (`regionEndpointsFromEnv(process.env)` reads them).
   * Same rules as `baseUrl`; `baseUrl`, when given, wins.
   */
  regionEndpoints?: Readonly<Record<string, string>>;
  /** Overrides `region`: a mock, a proxy. Must be https:// unless the host is loopback or `allowInsecureHttp` is set. */
  baseUrl?: string;
  /** `{ token }` (IAM token, or a function giving a fresh one) or `{ accessKey, secretKey, securityToken? }` (AK/SK signing). */
  auth: Auth;
  /** Time limit of each attempt, until the whole response is read. Default {@link DEFAULT_TIMEOUT_MS} (60 000 ms). */
  timeoutMs?: number;
  /** Retries of requests that certainly were not processed (429, 503, refused connections); `false` turns them off. */
  retry?: RetryOptions | false;
  /** The fetch to use; default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Extra headers for every request. */
  headers?: Record<string, string>;
  /** Allows a plain http:// `baseUrl` to a non-loopback host. Credentials then travel in clear text. */
  allowInsecureHttp?: boolean;
  /** Sees every attempt (method, URL, status, time, retries), with credentials redacted. */
  logger?: AttemptLogger;
}

/** The options once checked, with every default filled in. */
export interface ResolvedOptions {
  projectId: string;
  baseUrl: string;
  auth: Auth;
  headers: Record<string, string>;
  timeoutMs: number;
  retry: RetryPolicy | undefined;
  fetch: typeof globalThis.fetch;
  logger: AttemptLogger | undefined;
}

/**
 * Every problem of a set of client options, in the order of the options' documentation; an empty
 * array when `createNotebookImageClient(options)` would accept them. Nothing is sent.
 */
export function validateClientOptions(options: unknown): ValidationIssue[] {
  return check(options).issues;
}

/** The options with their defaults, or a RequestValidationError listing every problem. */
export function resolveClientOptions(options: unknown): ResolvedOptions {
  const { issues, resolved } = check(options);
  if (issues.length > 0 || !resolved) throw new RequestValidationError(issues, "client options");
  return resolved;
}

/** Every problem of the options; and when there is none, the options with their defaults. */
function check(value: unknown): { issues: ValidationIssue[]; resolved?: ResolvedOptions } {
  if (!value || typeof value !== "object")
    return { issues: [issue("options", "required", "must be an object with projectId and auth")] };
  const options: Partial<NotebookImageClientOptions> = value;
  const { projectId, auth, headers, retry } = options;
  const issues = validateProjectId(projectId);
  const regionEndpoints = checkedRegionEndpoints(issues, options.regionEndpoints);
  const baseUrl = resolveBaseUrl(
    issues,
    options.region ?? DEFAULT_REGION,
    options.baseUrl,
    options.allowInsecureHttp === true,
    regionEndpoints,
  );
  checkAuth(issues, auth);
  checkHeaders(issues, "headers", headers);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  checkMilliseconds(issues, "timeoutMs", timeoutMs);
  const policy = retry === false ? undefined : resolveRetry(issues, "retry", retry);
  for (const name of ["fetch", "logger"] as const) {
    if (options[name] !== undefined && typeof options[name] !== "function") {
      issues.push(issue(name, "type", "must be a function"));
    }
  }
  if (issues.length > 0 || projectId === undefined || auth === undefined) return { issues };
  return {
    issues,
    resolved: {
      projectId,
      baseUrl,
      auth,
      headers: headers ?? {},
      timeoutMs,
      retry: policy,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      logger: options.logger,
    },
  };
}

/** `regionEndpoints` when it is an object of strings; otherwise none, after saying why in `issues`. */
function checkedRegionEndpoints(issues: ValidationIssue[], value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    issues.push(issue("regionEndpoints", "type", "must be an object of endpoint URLs by region name"));
    return {};
  }
  const endpoints: Record<string, string> = {};
  for (const [region, url] of Object.entries(value)) {
    if (typeof url === "string") endpoints[region] = url;
    else issues.push(issue(`regionEndpoints.${region}`, "type", "must be a URL string"));
  }
  return endpoints;
}

/** Adds to `issues` why `value` is not a usable number of milliseconds (above 0; Infinity is no limit). */
export function checkMilliseconds(issues: ValidationIssue[], path: string, value: unknown) {
  if (typeof value !== "number" || !(value > 0)) {
    issues.push(issue(path, "minimum", "must be a number of milliseconds above 0"));
  }
}

/** The retry policy `retry` (options of the client or of a call) makes on top of `base`. */
export function resolveRetry(
  issues: ValidationIssue[],
  path: string,
  retry: RetryOptions | undefined,
  base: RetryPolicy = DEFAULT_RETRY,
): RetryPolicy {
  const policy = { ...base, ...retry };
  for (const key of ["retries", "baseDelayMs", "maxDelayMs"] as const) {
    if (!(Number.isInteger(policy[key]) && policy[key] >= 0)) {
      issues.push(issue(`${path}.${key}`, "minimum", "must be an integer ≥ 0"));
    }
  }
  if (policy.onRetry !== undefined && typeof policy.onRetry !== "function") {
    issues.push(issue(`${path}.onRetry`, "type", "must be a function"));
  }
  return policy;
}

/** Adds to `issues` what makes `auth` unusable: neither shape, both at once, or a value that cannot be sent. */
function checkAuth(issues: ValidationIssue[], auth: Auth | undefined) {
  const refuse = (path: string, rule: string, text: string) => issues.push(issue(path, rule, text));
  if (!auth || typeof auth !== "object") {
    refuse("auth", "required", "is required: { token } or { accessKey, secretKey }");
    return;
  }
  // Read as the loose object a JavaScript caller may pass: both shapes at once is a mistake to name.
  const loose: { [key in keyof AkSkAuth | "token"]?: unknown } = auth;
  const { token, accessKey, secretKey, securityToken, signingAlgorithm } = loose;
  const hasKeys = accessKey !== undefined || secretKey !== undefined;
  if (token !== undefined && hasKeys) {
    // Sending one and silently ignoring the other would hide a configuration mistake.
    refuse("auth", "oneOf", "give either { token } or { accessKey, secretKey }, not both");
  } else if (token !== undefined) {
    // A function is called at each attempt; what it returns is checked then.
    if (typeof token !== "function") checkHeaderValue(issues, "auth.token", token);
  } else if (hasKeys) {
    checkHeaderValue(issues, "auth.accessKey", accessKey);
    // The secret key is never sent, only used to sign: any non-empty string will do.
    if (typeof secretKey !== "string" || secretKey === "") {
      refuse("auth.secretKey", "required", "must be a non-empty string");
    }
    if (securityToken !== undefined) checkHeaderValue(issues, "auth.securityToken", securityToken);
    if (signingAlgorithm !== undefined && !SIGNING_ALGORITHMS.some((known) => known === signingAlgorithm)) {
      refuse("auth.signingAlgorithm", "enum", `must be one of ${SIGNING_ALGORITHMS.join(", ")}`);
    } else if (signingAlgorithm === "SDK-HMAC-SM3" && !HAS_SM3) {
      refuse(
        "auth.signingAlgorithm",
        "platform",
        "SDK-HMAC-SM3 needs the SM3 hash, which this platform's crypto lacks (browsers' Web Crypto has none; Node.js has it with OpenSSL 3): use SDK-HMAC-SHA256",
      );
    }
  } else {
    refuse("auth", "required", "must be { token } or { accessKey, secretKey }");
  }
}
