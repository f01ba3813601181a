// Header values are checked before use: CR or LF could smuggle extra headers, and the platform's
// own error for a bad value would quote the value (possibly a secret) in its message.
import type { ValidationIssue } from "./errors.js";

/** True when a character is CR, LF, NUL, or outside Latin-1 (which a header cannot carry). */
function hasInvalidHeaderChar(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x0d || c === 0x0a || c === 0 || c > 0xff) return true;
  }
  return false;
}
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Issues for a value that would go into a header. The value itself is never quoted. */
export function headerValueIssues(path: string, value: unknown): ValidationIssue[] {
  if (typeof value !== "string") {
    return [
      {
        path,
        rule: "type",
        message: `${path}: must be a string (got ${value === null ? "null" : typeof value})`,
      },
    ];
  }
  if (value === "") return [{ path, rule: "minLength", message: `${path}: must not be empty` }];
  if (hasInvalidHeaderChar(value)) {
    return [
      {
        path,
        rule: "header-value",
        message: `${path}: must not contain CR, LF, NUL or characters outside Latin-1 (it is sent as a header)`,
      },
    ];
  }
  return [];
}

/** Issues for a set of extra headers (`headers` option of the client or of a call). */
export function headersIssues(
  path: string,
  headers: Readonly<Record<string, string>> | undefined,
): ValidationIssue[] {
  if (headers === undefined) return [];
  const issues: ValidationIssue[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const at = `${path}.${name}`;
    if (!HEADER_NAME.test(name)) {
      issues.push({ path: at, rule: "header-name", message: `${at}: is not a valid header name` });
    } else {
      issues.push(...headerValueIssues(at, value).filter((i) => i.rule !== "minLength"));
    }
  }
  return issues;
}
