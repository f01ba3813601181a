// With an engine whose notebooks are containers (docker), CreateNotebook, StartNotebook,
// StopNotebook and DeleteNotebook answer at once in their transitional status (CREATING,
// STARTING, STOPPING, DELETING), as ModelArts does, and their work on the engine (pull and run,
// start, stop, remove) goes on after the answer. Its end writes the status the container then has
// (followed from there on by follow-engine.ts), or the failure with the engine's reason; a delete
// removes the record. Every engine call has its own time limit, so no work runs forever.
import type { Engine, ImageTarget } from "../engine/engine.js";
import type { Clock } from "./clock.js";
import type { ImageRecord, NotebookRecord, NotebookStatus, StorePort } from "./store-port.js";

type EngineNotebooks = NonNullable<Engine["notebooks"]>;

export interface ContainerWorkOptions {
  store: StorePort;
  clock: Clock;
  notebooks: EngineNotebooks;
}

/** The image a notebook is created from: a built-in one is first made present in the registry. */
export interface ImageToRun {
  type: ImageRecord["type"];
  swrPath: string;
  target: ImageTarget;
}

export type ContainerWork = ReturnType<typeof createContainerWork>;

export function createContainerWork({ store, clock, notebooks }: ContainerWorkOptions) {
  const inFlight = new Set<Promise<void>>();

  /**
   * Runs `work` after the answer: on success the notebook takes its container's status; on
   * failure `failed`, with the engine's message as its fail_reason. "recorded": the work wrote its
   * outcome itself (a delete removed the record; a failed stop wrote what the container is).
   */
  function begin(
    notebookId: string,
    failed: NotebookStatus,
    work: () => Promise<"settled" | "recorded">,
    noContainer = "the notebook's container is gone from the engine",
  ) {
    const running = work()
      .then(async (outcome) => {
        if (outcome === "recorded") return;
        const container = await notebooks.get(notebookId);
        await store.notebooks.update(notebookId, {
          status: container?.status ?? failed,
          failReason: container ? null : noContainer,
          updateAt: clock.now(),
        });
      })
      .catch((error: unknown) =>
        store.notebooks.update(notebookId, {
          status: failed,
          failReason: error instanceof Error ? error.message : String(error),
          updateAt: clock.now(),
        }),
      )
      // A failure to record the outcome (the store closed under it) leaves the notebook as it was.
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
  }

  /** Removes the container and its work volume, then the record. */
  function remove(notebook: NotebookRecord): void {
    begin(notebook.id, "DELETE_FAILED", async () => {
      await notebooks.remove(notebook.id);
      await store.notebooks.delete(notebook.id);
      return "recorded";
    });
  }

  return {
    /** Pulls the image (a built-in one pushed to the registry first when it is not there) and runs it. */
    create(notebook: NotebookRecord, image: ImageToRun): void {
      begin(notebook.id, "CREATE_FAILED", async () => {
        if (image.type === "BUILD_IN") await notebooks.provideBuiltIn(image.target);
        await notebooks.create({
          projectId: notebook.projectId,
          id: notebook.id,
          name: notebook.name,
          image: image.swrPath,
        });
        return "settled";
      });
    },

    start(notebook: NotebookRecord): void {
      begin(notebook.id, "START_FAILED", async () => {
        await notebooks.start(notebook.id);
        return "settled";
      });
    },

    /**
     * A stop the engine fails leaves the container as it was (running, most likely): the notebook
     * takes the container's status, with the failure as its fail_reason (kept while that status
     * lasts: follow-engine.ts), since ModelArts has no STOP_FAILED. No container at all: ERROR.
     */
    stop(notebook: NotebookRecord): void {
      begin(notebook.id, "ERROR", async () => {
        try {
          await notebooks.stop(notebook.id);
          return "settled";
        } catch (error) {
          const container = await notebooks.get(notebook.id).catch(() => undefined);
          if (!container) throw error;
          await store.notebooks.update(notebook.id, {
            status: container.status,
            failReason: `the stop failed: ${error instanceof Error ? error.message : String(error)}`,
            updateAt: clock.now(),
          });
          return "recorded";
        }
      });
    },

    delete: remove,

    /**
     * The work a server that stopped without waiting for it (killed) left unfinished, taken up by
     * the next one that owns the data: a notebook DELETING is removed; one CREATING, STARTING or
     * STOPPING takes its container's status, or fails when it has none.
     */
    async resume(): Promise<void> {
      const settled = async () => "settled" as const;
      const cutOff = "the server stopped before the notebook's container ran; delete it and create it again";
      for (const notebook of await store.notebooks.listAll()) {
        if (notebook.steps.length > 0) continue; // planned by a simulated engine: not this work's
        if (notebook.status === "DELETING") remove(notebook);
        else if (notebook.status === "CREATING") begin(notebook.id, "CREATE_FAILED", settled, cutOff);
        else if (notebook.status === "STARTING") begin(notebook.id, "START_FAILED", settled);
        else if (notebook.status === "STOPPING") begin(notebook.id, "ERROR", settled);
      }
    },

    /** Waits for the work begun (each engine call in it is time-limited). */
    async close(): Promise<void> {
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
  };
}
