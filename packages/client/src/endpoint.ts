// Where requests go: an explicit base URL (mock, proxy); else the region's endpoint, from the
// caller's overrides, then Huawei's SDK's catalogue (REGION_ENDPOINTS, generated from
// spec/regions.json), then the spec's regional template for a region the catalogue does not know.

import { closestMatch } from "./closest-match.js";
import { issue, type ValidationIssue } from "./errors.js";
import { REGION_ENDPOINTS, REGIONAL_SERVER_URL, REGIONS } from "./generated/spec-facts.js";

/** A region as Huawei names them (`cn-north-4`, `ap-southeast-1`): one DNS label of the regional host. */
const REGION_NAME = /^[a-z]{2,}(?:-[a-z0-9]+)+$/;

/** Huawei's SDKs read a ModelArts region's endpoint from this prefix and the region's id (see {@link regionEndpointsFromEnv}). */
export const REGION_ENDPOINT_ENV_PREFIX = "HUAWEICLOUD_SDK_REGION_MODELARTS_";

/**
 * The region endpoints that environment variables set the way Huawei's SDKs read them:
 * `HUAWEICLOUD_SDK_REGION_MODELARTS_AP_SOUTHEAST_1=https://…` sets ap-southeast-1's (the region id
 * upper-cased, `-` as `_`). Empty values are ignored. Pass `process.env` in Node.js; give the result
 * as the client's `regionEndpoints`.
 */
export function regionEndpointsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const endpoints: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(REGION_ENDPOINT_ENV_PREFIX) || value === undefined || value.trim() === "") continue;
    const region = name.slice(REGION_ENDPOINT_ENV_PREFIX.length).toLowerCase().replaceAll("_", "-");
    endpoints[region] = value.trim();
  }
  return endpoints;
}

/** The environment variable that sets a region's endpoint for Huawei's SDKs (and this client's apps). */
export const regionEndpointEnvName = (region: string) =>
  `${REGION_ENDPOINT_ENV_PREFIX}${region.toUpperCase().replaceAll("-", "_")}`;

/**
 * The base URL without a trailing slash; or "" after adding to `issues` why the region, its
 * endpoint or the base URL cannot be used.
 */
export function resolveBaseUrl(
  issues: ValidationIssue[],
  region: string,
  baseUrl: string | undefined,
  allowInsecureHttp: boolean,
  regionEndpoints: Readonly<Record<string, string>> = {},
): string {
  if (baseUrl !== undefined) return checkedUrl(issues, "baseUrl", baseUrl, allowInsecureHttp);
  // Any well-formed region name goes (Huawei opens regions that the catalogue does not list yet,
  // and a region can be pointed anywhere with regionEndpoints); only a name that could not be one
  // DNS label of the regional host is refused, with the nearest known region when there is one.
  if (typeof region !== "string" || !REGION_NAME.test(region)) {
    const suggestion = typeof region === "string" ? closestMatch(region, REGIONS) : undefined;
    issues.push(
      issue(
        "region",
        "pattern",
        `must be a region name such as ${REGIONS.slice(0, 3).join(", ")}: lowercase letters and digits in parts joined by '-' (got ${JSON.stringify(region)})${suggestion ? `; did you mean ${suggestion}?` : ""}`,
      ),
    );
    return "";
  }
  const override = Object.hasOwn(regionEndpoints, region) ? regionEndpoints[region] : undefined;
  if (override !== undefined)
    return checkedUrl(issues, `regionEndpoints.${region}`, override, allowInsecureHttp);
  const known: Readonly<Record<string, string>> = REGION_ENDPOINTS;
  return Object.hasOwn(known, region)
    ? (known[region] as string)
    : REGIONAL_SERVER_URL.replace("{region}", region);
}

/** `value` as a base URL without a trailing slash; or "" after adding to `issues` why it cannot be one. */
function checkedUrl(
  issues: ValidationIssue[],
  path: string,
  value: unknown,
  allowInsecureHttp: boolean,
): string {
  const refuse = (rule: string, text: string) => {
    issues.push(issue(path, rule, text));
    return "";
  };
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    // An endpoint may carry a password (`https://user:secret@host`): never quoted back.
    const shown = String(value).replace(/^([^:/?#]*:\/\/)[^/?#]*@/, "$1[credentials hidden]@");
    return refuse("url", `must be an absolute http(s) URL (got "${shown}")`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return refuse("url", `must be an http(s) URL (got protocol "${url.protocol}")`);
  }
  if (url.username || url.password || url.search || url.hash) {
    return refuse("url", "must not contain credentials, a query or a fragment");
  }
  if (url.protocol === "http:" && !allowInsecureHttp && !isLoopbackHost(url.hostname)) {
    return refuse(
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
