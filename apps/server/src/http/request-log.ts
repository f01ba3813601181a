// The server's recent requests, for the control API's GET /_control/requests (the web console's
// request log): method, path, status, time taken and request id of the last `capacity` answers,
// newest first. Nothing else of a request is kept: no query string, no header, no body, so no
// credential can reach it.
import type { components } from "@notebook-image/spec/control-types";

export type RequestLogEntry = components["schemas"]["RequestLogEntry"];

/** How many answers the log keeps by default: a few minutes of a busy console. */
export const REQUEST_LOG_CAPACITY = 500;

export interface RequestLog {
  readonly capacity: number;
  record(entry: RequestLogEntry): void;
  /** The newest `limit` entries (all by default), newest first. */
  list(limit?: number): RequestLogEntry[];
}

export function createRequestLog(capacity = REQUEST_LOG_CAPACITY): RequestLog {
  // A ring: `next` is where the next entry goes, over the oldest once it is full.
  const entries: RequestLogEntry[] = [];
  let next = 0;
  return {
    capacity,
    record(entry) {
      entries[next] = entry;
      next = (next + 1) % capacity;
    },
    list(limit = capacity) {
      const newestFirst: RequestLogEntry[] = [];
      for (let i = 1; i <= Math.min(limit, entries.length); i++) {
        newestFirst.push(entries[(next - i + capacity) % capacity] as RequestLogEntry);
      }
      return newestFirst;
    },
  };
}
