// The defaults the help shows, from the client that applies them.
import {
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_WAIT_TIMEOUT_MS,
  LIST_IMAGES_DEFAULT_LIMIT,
  LIST_NOTEBOOKS_DEFAULT_LIMIT,
} from "@notebook-image/client";

export const defaults = {
  timeoutMs: DEFAULT_TIMEOUT_MS,
  retries: DEFAULT_RETRIES,
  waitTimeoutMs: DEFAULT_WAIT_TIMEOUT_MS,
  pollIntervalMs: DEFAULT_POLL_INTERVAL_MS,
  pageSize: LIST_IMAGES_DEFAULT_LIMIT,
  notebookPageSize: LIST_NOTEBOOKS_DEFAULT_LIMIT,
};

/** The hosts the client's isLoopbackHost accepts for plain http://, in words. */
export const loopbackRule = "127.0.0.0/8, ::1, localhost and *.localhost";
