// The engine's progress messages, shown as the image's status_message while it is CREATING. Only the
// last message of a burst is written, once the event loop has turned: a step of milliseconds (the
// simulated engine's, a small commit) reports several that the next one would overwrite at once, and
// each would be a statement.
export interface ProgressWriter {
  report(message: string): void;
  /** Drops what is not written yet; resolves once a write in flight is over. */
  stop(): Promise<void>;
}

export function progressWriter(write: (message: string) => Promise<void>): ProgressWriter {
  let pending: string | undefined;
  let timer: NodeJS.Immediate | undefined;
  let writing: Promise<void> = Promise.resolve();
  const flush = () => {
    timer = undefined;
    const message = pending;
    pending = undefined;
    if (message === undefined) return;
    // A progress message that cannot be written is not worth failing the save for.
    writing = writing.then(() => write(message)).catch(() => undefined);
  };
  return {
    report(message) {
      pending = message;
      timer ??= setImmediate(flush);
    },
    stop() {
      if (timer) clearImmediate(timer);
      timer = undefined;
      pending = undefined;
      return writing;
    },
  };
}
