// Labels by which the docker engine recognises what it owns on a shared container engine.

/** On a notebook container: the notebook instance's id (a UUID). */
export const NOTEBOOK_ID_LABEL = "modelarts.notebook.id";
/** On a notebook container: the project the notebook belongs to. */
export const PROJECT_ID_LABEL = "modelarts.project.id";
/** On a notebook container: the notebook's name. */
export const NOTEBOOK_NAME_LABEL = "modelarts.notebook.name";
/** On a saved image: the notebook it was saved from (informative; it does not make it a notebook). */
export const SAVED_FROM_LABEL = "modelarts.image.saved-from";
/**
 * On a saved image: the save job that committed it. A commit that a restart abandoned can still
 * finish on the engine (dockerd does; podman cancels it with its connection) and leave a snapshot
 * whose name the resumed save took: unnamed, it is found by this label.
 */
export const SAVE_JOB_LABEL = "modelarts.save.job";

/**
 * Repository of the intermediate images a save commits before pushing (one per save job, tagged by
 * nothing else), so that a restarted server finds or removes them by job id.
 */
export const INTERMEDIATE_REPOSITORY = "localhost/modelarts-save";

export function intermediateRef(jobId: string): string {
  return `${INTERMEDIATE_REPOSITORY}/${jobId.toLowerCase()}:latest`;
}

/** The job id (as intermediateRef wrote it, lower case) of an intermediate image's name; else undefined. */
export function jobIdOfIntermediate(ref: string): string | undefined {
  const prefix = `${INTERMEDIATE_REPOSITORY}/`;
  return ref.startsWith(prefix) ? ref.slice(prefix.length).replace(/:latest$/, "") : undefined;
}
