// The debug hook: one event per attempt, for logs and progress. Credentials never reach it: the
// headers it sees are redacted here.

/** What happened to one attempt of a request. */
export interface AttemptEvent {
  /** The attempt, from 1. */
  attempt: number;
  method: string;
  url: string;
  /** The headers sent, credentials redacted (`X-Auth-Token`, `X-Security-Token`, the signature). */
  headers: Record<string, string>;
  /** How the attempt ended: an answer (any status), a time-out, a network error, or the caller's abort. */
  outcome: "response" | "timeout" | "network-error" | "aborted";
  /** The HTTP status, when an answer came. */
  status?: number;
  /** The answer's `X-Request-Id`. */
  requestId?: string;
  /** The error's message, for the outcomes without an answer. */
  error?: string;
  /** When the client tries again: how long it waits first. */
  retryInMs?: number;
  /** From sending to the whole answer read (or to the failure). */
  durationMs: number;
}

export type AttemptLogger = (event: AttemptEvent) => void;

export const REDACTED = "[REDACTED]";

/** Headers whose whole value is a secret. */
const SECRET_HEADERS = new Set(["x-auth-token", "x-security-token", "cookie", "proxy-authorization"]);

/**
 * The headers as plain data with every credential replaced by `[REDACTED]`. An SDK-HMAC-SHA256
 * `Authorization` keeps its access key and signed header list (useful, and not secret) and loses
 * its signature; any other `Authorization` is redacted whole.
 */
export function redactHeaders(headers: Headers): Record<string, string> {
  const plain: Record<string, string> = {};
  headers.forEach((value, name) => {
    plain[name] = SECRET_HEADERS.has(name)
      ? REDACTED
      : name === "authorization"
        ? /^SDK-HMAC-SHA256 /.test(value)
          ? value.replace(/Signature=\S*/, `Signature=${REDACTED}`)
          : REDACTED
        : value;
  });
  return plain;
}
