// The defaults the help shows, from the client that applies them.
// INTERIM: literal until the client exports its defaults (then re-exported from there).
export const defaults = {
  timeoutMs: 60_000,
  retries: 2,
  waitTimeoutMs: 5 * 60_000,
  pollIntervalMs: 10_000,
};
export const loopbackRule = "127.0.0.0/8, ::1, localhost and *.localhost";
