// Header values are checked before use: CR or LF could smuggle extra headers, and the platform's
// own error for a bad value would quote the value (possibly a secret) in its message.
import { issue, type ValidationIssue } from "./errors.js";

/** CR, LF, NUL, or a character outside Latin-1 (which a header cannot carry). */
const INVALID_HEADER_CHAR = /[\0\n\r\u0100-\uffff]/;
/** RFC 9110 `token` (section 5.6.2): what a header name (or a method) may be made of. */
export const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Adds to `issues` the problem of a value that would go into a header, if it has one. The value
 * itself is never quoted. Extra headers may be empty; credentials may not.
 */
export function checkHeaderValue(
  issues: ValidationIssue[],
  path: string,
  value: unknown,
  mayBeEmpty = false,
) {
  if (typeof value !== "string") {
    issues.push(issue(path, "type", `must be a string (got ${value === null ? "null" : typeof value})`));
  } else if (value === "" && !mayBeEmpty) {
    issues.push(issue(path, "minLength", "must not be empty"));
  } else if (INVALID_HEADER_CHAR.test(value)) {
    issues.push(
      issue(
        path,
        "header-value",
        "must not contain CR, LF, NUL or characters outside Latin-1 (it is sent as a header)",
      ),
    );
  }
}

/**
 * Headers that belong to the connection, not to the request: the hop-by-hop ones (RFC 9110 section
 * 7.6.1), the body's framing, and the host the URL names. fetch refuses most of them only when the
 * request is sent, as a bare "fetch failed" that reads like a network error.
 */
const CONNECTION_HEADERS = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "content-length",
  "expect",
  "host",
]);

/** Adds to `issues` the problems of a set of extra headers (`headers` of the client or of a call). */
export function checkHeaders(
  issues: ValidationIssue[],
  path: string,
  headers: Readonly<Record<string, string>> | undefined,
) {
  for (const [name, value] of Object.entries(headers ?? {})) {
    const at = `${path}.${name}`;
    if (!HTTP_TOKEN.test(name)) issues.push(issue(at, "header-name", "is not a valid header name"));
    else if (CONNECTION_HEADERS.has(name.toLowerCase()))
      issues.push(
        issue(
          at,
          "header-name",
          `${name} cannot be set: the HTTP connection sets it (a hop-by-hop, framing or host header)`,
        ),
      );
    else checkHeaderValue(issues, at, value, true);
  }
}
