/** The CLI's exit codes: scripts branch on these, so they are part of its interface. */
export const ExitCode = {
  ok: 0,
  /** Something unexpected: a bug, reported without a stack trace. */
  unexpected: 1,
  /** Bad arguments, missing credentials or a request that fails validation; nothing was sent. */
  usage: 2,
  /** The API answered with an error. */
  api: 3,
  /** No answer: the connection failed or the request timed out. */
  transport: 4,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
