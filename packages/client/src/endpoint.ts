// Where requests go: the spec's regional server, or an explicit base URL (mock, proxy).
import type { ValidationIssue } from "./errors.js";
import { REGIONAL_SERVER_URL, REGIONS } from "./generated/spec-facts.js";

export interface EndpointOptions {
  region: string;
  baseUrl: string | undefined;
  allowInsecureHttp: boolean;
}

/** The base URL without a trailing slash, or the issues that make the options unusable. */
export function resolveBaseUrl(
  options: EndpointOptions,
): { baseUrl: string } | { issues: ValidationIssue[] } {
  if (options.baseUrl === undefined) {
    if (!(REGIONS as readonly string[]).includes(options.region)) {
      return issue("region", "enum", `must be one of ${REGIONS.join(", ")} (got "${options.region}")`);
    }
    return { baseUrl: REGIONAL_SERVER_URL.replace("{region}", options.region) };
  }
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    return issue("baseUrl", "url", `must be an absolute http(s) URL (got "${options.baseUrl}")`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return issue("baseUrl", "url", `must be an http(s) URL (got protocol "${url.protocol}")`);
  }
  if (url.username || url.password || url.search || url.hash) {
    return issue("baseUrl", "url", "must not contain credentials, a query or a fragment");
  }
  if (url.protocol === "http:" && !options.allowInsecureHttp && !isLoopback(url.hostname)) {
    return issue(
      "baseUrl",
      "https",
      `must use https:// (plain http:// would send credentials in clear text to ${url.hostname}); ` +
        "loopback hosts are allowed, or set allowInsecureHttp: true",
    );
  }
  return { baseUrl: `${url.origin}${url.pathname}`.replace(/\/+$/, "") };
}

/** localhost, 127.0.0.0/8 and ::1: traffic that never leaves the machine. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

function issue(path: string, rule: string, text: string): { issues: ValidationIssue[] } {
  return { issues: [{ path, rule, message: `${path}: ${text}` }] };
}
