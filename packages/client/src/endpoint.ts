// Where requests go: the spec's regional server, or an explicit base URL (mock, proxy).

import { closestMatch } from "./closest-match.js";
import { issue, type ValidationIssue } from "./errors.js";
import { REGIONAL_SERVER_URL, REGIONS } from "./generated/spec-facts.js";

/** A region as Huawei names them (`cn-north-4`, `ap-southeast-1`): one DNS label of the regional host. */
const REGION_NAME = /^[a-z]{2,}(?:-[a-z0-9]+)+$/;

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
    // Any well-formed region name goes (Huawei opens regions that this spec does not list yet); only
    // a name that could not be one DNS label of the regional host is refused, with the nearest known
    // region when there is one.
    if (typeof region === "string" && REGION_NAME.test(region))
      return REGIONAL_SERVER_URL.replace("{region}", region);
    const suggestion = typeof region === "string" ? closestMatch(region, REGIONS) : undefined;
    return refuse(
      "region",
      "pattern",
      `must be a region name such as ${REGIONS.slice(0, 3).join(", ")}: lowercase letters and digits in parts joined by '-' (got ${JSON.stringify(region)})${suggestion ? `; did you mean ${suggestion}?` : ""}`,
    );
  }
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    // An endpoint may carry a password (`https://user:secret@host`): never quoted back.
    const shown = String(baseUrl).replace(/^([^:/?#]*:\/\/)[^/?#]*@/, "$1[credentials hidden]@");
    return refuse("baseUrl", "url", `must be an absolute http(s) URL (got "${shown}")`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return refuse("baseUrl", "url", `must be an http(s) URL (got protocol "${url.protocol}")`);
  }
  if (url.username || url.password || url.search || url.hash) {
    return refuse("baseUrl", "url", "must not contain credentials, a query or a fragment");
  }
  if (url.protocol === "http:" && !allowInsecureHttp && !isLoopbackHost(url.hostname)) {
    return refuse(
      "baseUrl",
      "https",
      `must use https:// (plain http:// would send credentials in clear text to ${url.hostname}); ` +
        "loopback hosts are allowed, or set allowInsecureHttp: true",
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/**
 * localhost (and `*.localhost`), 127.0.0.0/8 and ::1: traffic that never leaves the machine, where
 * the client allows plain http://. `hostname` as `URL.hostname` gives it (IPv6 in brackets); a
 * bare `::1` is accepted too.
 */
export function isLoopbackHost(hostname: string): boolean {
  return /^(localhost|.*\.localhost|\[::1\]|::1|127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/i.test(hostname);
}
