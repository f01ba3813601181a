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
  /** The image was followed to its end and the save failed (CREATE_FAILED, ERROR or DELETED). */
  saveFailed: 5,
  /** The wait's limit passed while the image was still being saved; `wait <image-id>` resumes. */
  waitTimedOut: 6,
  /** Ctrl-C while waiting: the CLI stopped following, the save itself goes on (128 + SIGINT). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
