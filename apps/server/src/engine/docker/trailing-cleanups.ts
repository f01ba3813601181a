// Clean-ups left running after a step returned (the pushed target's local tag goes while the
// worker measures and records the image, off the way to ACTIVE), each settled to the error it met.
export class TrailingCleanUps {
  private readonly running = new Set<Promise<unknown>>();

  /** Lets `cleanUp` run on; its failure, if any, is reported by the next `settle()`. */
  leave(cleanUp: Promise<void>): void {
    this.running.add(
      cleanUp.then(
        () => undefined,
        (error: unknown) => error ?? new Error(String(error)),
      ),
    );
  }

  /** Waits for those left running; rejects with the first failure among them. */
  async settle(): Promise<void> {
    const running = [...this.running];
    this.running.clear();
    const failure = (await Promise.all(running)).find((error) => error !== undefined);
    if (failure) throw failure;
  }

  /** Waits for those left running, failures ignored: a tag left behind is all a failure there means. */
  async drain(): Promise<void> {
    await Promise.all(this.running);
  }
}
