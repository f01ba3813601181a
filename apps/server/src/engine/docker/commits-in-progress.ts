import type { EngineNotebook } from "../engine.js";

/**
 * Notebooks whose container this engine is committing (a count: a refused second save of one
 * commits too, then discards its snapshot). Docker pauses a container for its commit and lists it
 * paused meanwhile: that pause is the save's, not a FROZEN notebook (which create-image would
 * refuse with 6326, and ShowNotebook would record).
 */
export class CommitsInProgress {
  private readonly counts = new Map<string, number>();

  /** Runs `commit` counted as one of the notebook's commits in progress. */
  async during<T>(notebookId: string, commit: () => Promise<T>): Promise<T> {
    this.counts.set(notebookId, (this.counts.get(notebookId) ?? 0) + 1);
    try {
      return await commit();
    } finally {
      const left = (this.counts.get(notebookId) ?? 1) - 1;
      if (left > 0) this.counts.set(notebookId, left);
      else this.counts.delete(notebookId);
    }
  }

  /** The notebook as its user sees it: RUNNING while a commit is what paused it. */
  asCommitted(notebook: EngineNotebook): EngineNotebook {
    return notebook.status === "FROZEN" && this.counts.has(notebook.id)
      ? { ...notebook, status: "RUNNING" }
      : notebook;
  }
}
