// The seam between the save worker and whatever really snapshots a notebook: the simulated engine
// (no container runtime, the default) or the docker/podman engine (engine/docker/). A save can take
// minutes, a commit can fail, and a push can fail after its HTTP 200: every step reports failure
// as an EngineError whose message becomes the image's status_message.

/** Where a saved image goes: `swr_path` = `${registryHost}/${namespace}/${name}:${tag}`. */
export interface ImageTarget {
  registryHost: string;
  namespace: string;
  name: string;
  tag: string;
}

/** Why an engine step failed; the message becomes the image's `status_message`. */
export type EngineFailure =
  | "notebook-not-found"
  | "notebook-not-running"
  | "commit-failed"
  | "push-failed"
  | "size-exceeded"
  | "engine-unavailable";

export class EngineError extends Error {
  override readonly name = "EngineError";
  constructor(
    readonly failure: EngineFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface EngineStepContext {
  /** Stable across restarts: an engine resumes or cleans up a save by it. */
  jobId: string;
  /**
   * False on a job's first run: nothing of it can be on the engine yet, so a step need not look.
   * Left out, a step looks (as on a save resumed after a restart).
   */
  resumed?: boolean;
  /** Aborted when the server shuts down; a step stops as soon as it can. */
  signal: AbortSignal;
  /** e.g. "committing", "pushing 2 of 3 layers": shown as status_message while CREATING. */
  progress(message: string): void;
}

/** Where a notebook's work volume is mounted (ModelArts' `volume.mount_path`); a commit leaves it out. */
export const WORK_VOLUME_PATH = "/home/ma-user/work";

export interface EngineNotebook {
  id: string;
  name: string;
  projectId: string;
  status: "RUNNING" | "STOPPED" | "FROZEN" | "ERROR";
  image: string;
  createdAt: Date;
}

export interface Engine {
  readonly kind: "simulated" | "docker";
  /** Snapshot the notebook's container; returns the local (intermediate) image reference. */
  commit(
    input: { notebookId: string; target: ImageTarget; pause: boolean },
    ctx: EngineStepContext,
  ): Promise<{ localRef: string }>;
  /** Push the local image to target; reads the progress stream to its end (a failed push can be a 200). */
  push(input: { localRef: string; target: ImageTarget }, ctx: EngineStepContext): Promise<void>;
  /** Compressed size in bytes of the pushed image (from the registry's manifest). */
  size(target: ImageTarget, ctx: EngineStepContext): Promise<number>;
  /** Remove the local intermediate image and/or the registry tag (DeleteImage force). Idempotent. */
  remove(input: { localRef?: string | undefined; target?: ImageTarget | undefined }): Promise<void>;
  /** Does name:tag already exist in the registry (2884)? The simulated engine: false. */
  exists(target: ImageTarget): Promise<boolean>;
  /**
   * Notebook instances the engine owns (docker: containers labelled modelarts.notebook.id).
   * Undefined (the simulated engine): notebooks live only in the database.
   */
  notebooks?: {
    list(projectId: string): Promise<EngineNotebook[]>;
    get(notebookId: string): Promise<EngineNotebook | undefined>;
    /**
     * Creates and starts the notebook's container from `image` (pulled from its registry when the
     * engine lacks it), with its work volume mounted at WORK_VOLUME_PATH.
     */
    create(input: {
      projectId: string;
      id?: string | undefined;
      name?: string | undefined;
      image: string;
    }): Promise<EngineNotebook>;
    /** Starts the notebook's container (a running one stays as it is). */
    start(notebookId: string): Promise<void>;
    /** Stops the notebook's container (a stopped one stays as it is). */
    stop(notebookId: string): Promise<void>;
    /** Removes the notebook's container and its work volume. Idempotent. */
    remove(notebookId: string): Promise<void>;
    /**
     * Makes the built-in image `target` present in the registry, from the engine's base image,
     * when it is not there yet. Idempotent.
     */
    provideBuiltIn(target: ImageTarget): Promise<void>;
  };
  /**
   * Intermediate images the engine holds for save jobs (docker: `localhost/modelarts-save/<job id>`),
   * so that those a crash left behind, of jobs that ended meanwhile, can be removed. Simulated: undefined.
   */
  intermediateImages?(): Promise<{ jobId: string; localRef: string }[]>;
  close(): Promise<void>;
}
