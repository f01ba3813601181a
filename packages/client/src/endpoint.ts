// Where requests go: the spec's regional server, or an explicit base URL (mock, proxy).
import { issue, type ValidationIssue } from "./errors.js";
import { REGIONAL_SERVER_URL, REGIONS } from "./generated/spec-facts.js";

/**
 * The base URL without a trailing slash; or "" after adding to `issues` why the region or the
 * base URL cannot be used.
 */
export function resolveBaseUrl(
  issues: ValidationIssue[],
  region: string,
  baseUrl: string | undefined,
  allowInsecureHttp: boolean,
): string {
  const refuse = (path: string, rule: string, text: string) => {
    issues.push(issue(path, rule, text));
    return "";
  };
  if (baseUrl === undefined) {
    return (REGIONS as readonly string[]).includes(region)
      ? REGIONAL_SERVER_URL.replace("{region}", region)
      : refuse("region", "enum", `must be one of ${REGIONS.join(", ")} (got "${region}")`);
  }
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return refuse("baseUrl", "url", `must be an absolute http(s) URL (got "${baseUrl}")`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return refuse("baseUrl", "url", `must be an http(s) URL (got protocol "${url.protocol}")`);
  }
  if (url.username || url.password || url.search || url.hash) {
    return refuse("baseUrl", "url", "must not contain credentials, a query or a fragment");
  }
  if (url.protocol === "http:" && !allowInsecureHttp && !isLoopback(url.hostname)) {
    return refuse(
      "baseUrl",
      "https",
      `must use https:// (plain http:// would send credentials in clear text to ${url.hostname}); ` +
        "loopback hosts are allowed, or set allowInsecureHttp: true",
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/** localhost, 127.0.0.0/8 and ::1: traffic that never leaves the machine. */
export function isLoopback(hostname: string): boolean {
  return /^(localhost|.*\.localhost|\[::1\]|127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/i.test(hostname);
}
