// The server's log: pino through fastify when a stream is given (secrets redacted), nothing
// otherwise; the save worker writes to the same log once the app exists.
import type { Writable } from "node:stream";
import type { FastifyBaseLogger, FastifyServerOptions } from "fastify";
import type { WorkerLogger } from "./domain/run-save.js";
import { REDACTED_PATHS } from "./http/app.js";

/** fastify's logger option: pino on `logStream` at `logLevel` (default info), or none. */
export function loggerOptions(options: {
  logStream?: Writable | undefined;
  logLevel?: string | undefined;
}): NonNullable<FastifyServerOptions["logger"]> {
  if (!options.logStream) return false;
  return {
    level: options.logLevel ?? "info",
    stream: options.logStream,
    redact: REDACTED_PATHS,
    serializers: { req: requestLogFields, err: errorLogFields },
  };
}

/**
 * A logger for the save worker, which is made before the app whose log it writes to (the control
 * API needs the worker): silent until `writeTo` gives it that log.
 */
export function forwardingLogger(): WorkerLogger & { writeTo(log: FastifyBaseLogger): void } {
  let target: FastifyBaseLogger | undefined;
  return {
    info: (details, message) => target?.info(details, message),
    warn: (details, message) => target?.warn(details, message),
    error: (details, message) => target?.error(details, message),
    writeTo: (log) => {
      target = log;
    },
  };
}

/** What a request's log line shows: enough to follow a call, with its headers (secrets redacted by pino). */
function requestLogFields(request: {
  method: string;
  url: string;
  ip?: string;
  headers?: Record<string, unknown>;
}) {
  return {
    method: request.method,
    url: request.url,
    remoteAddress: request.ip ?? "",
    headers: request.headers,
  };
}

/**
 * What an error's log line shows: its kind, message, code, stack and (a database error) the query's
 * text, which holds placeholders only. Never its other fields: PGlite's and pg's errors carry the
 * query's `params` (a description, a name...) and a `detail` that quotes values.
 */
function errorLogFields(error: Error & { code?: unknown; query?: unknown }) {
  return {
    type: error.name,
    message: error.message,
    ...(typeof error.code === "string" ? { code: error.code } : {}),
    ...(typeof error.query === "string" ? { query: error.query } : {}),
    stack: error.stack ?? "",
  };
}
