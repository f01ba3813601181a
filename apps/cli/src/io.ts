/** Where the CLI writes: process.stdout and process.stderr, or a test's stand-ins. */
export interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
  /** Width of the terminal, when the stream is one. */
  columns?: number;
}

export interface Io {
  env: Readonly<Record<string, string | undefined>>;
  /** Where `configure` reads credentials: asked on a terminal, `key=value` lines otherwise. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: Stream;
  stderr: Stream;
  /**
   * Calls `listener` on Ctrl-C (SIGINT) until the returned function is called. Only a wait
   * listens: anywhere else Ctrl-C ends the process as usual.
   */
  onInterrupt?(listener: () => void): () => void;
}

/**
 * Ctrl-C while waiting, as an AbortSignal for the wait. Listened to before anything is drawn: a
 * Ctrl-C as soon as the status shows is a stop like any other, not the end of the process.
 * `stop` ends the listening.
 */
export function listenForInterrupt(onInterrupt: Io["onInterrupt"]): {
  signal: AbortSignal;
  stop: () => void;
} {
  const controller = new AbortController();
  const stopListening = onInterrupt?.(() => controller.abort());
  return { signal: controller.signal, stop: () => stopListening?.() };
}
