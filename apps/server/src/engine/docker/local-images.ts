// The engine's local images that saves make: the intermediate snapshot of each commit (named for
// its job) and the target's tag for the push; how they are found, checked and removed.
import type Docker from "dockerode";
import { EngineError } from "../engine.js";
import { INTERMEDIATE_REPOSITORY, intermediateRef, jobIdOfIntermediate, SAVE_JOB_LABEL } from "./labels.js";

/** The intermediate images that saves left behind (a crash mid-save), with the job of each. */
export async function intermediateImages(docker: Docker): Promise<{ jobId: string; localRef: string }[]> {
  const [named, abandoned] = await Promise.all([
    docker.listImages({ filters: { reference: [`${INTERMEDIATE_REPOSITORY}/*`] } }),
    abandonedSnapshots(docker),
  ]);
  // The abandoned ones under the name they once had: remove() of it takes them too.
  const refs = new Set([
    ...named.flatMap((image) => image.RepoTags ?? []),
    ...abandoned.flatMap((image) => {
      const jobId = image.Labels?.[SAVE_JOB_LABEL];
      return jobId ? [intermediateRef(jobId)] : [];
    }),
  ]);
  return [...refs].flatMap((localRef) => {
    const jobId = jobIdOfIntermediate(localRef);
    return jobId === undefined ? [] : [{ localRef, jobId }];
  });
}

/** An EngineError as it is, anything else as engine-unavailable saying what was being done. */
export function unavailable(action: string, error: unknown): EngineError {
  return error instanceof EngineError
    ? error
    : new EngineError("engine-unavailable", `${action}: ${messageOf(error)}`);
}

export function dial(docker: Docker, options: object): Promise<unknown> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(options as Parameters<Docker["modem"]["dial"]>[0], (error, data) =>
      error ? reject(error) : resolve(data),
    );
  });
}

export async function imageExists(docker: Docker, ref: string): Promise<boolean> {
  try {
    await docker.getImage(ref).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw new EngineError("engine-unavailable", `the engine could not inspect ${ref}: ${messageOf(error)}`);
  }
}

/** Unnamed images of save commits (of one job's, given its intermediate ref): what abandoned commits left. */
async function abandonedSnapshots(docker: Docker, localRef?: string): Promise<Docker.ImageInfo[]> {
  const images = await docker.listImages({ filters: { dangling: ["true"], label: [SAVE_JOB_LABEL] } });
  return images.filter((image) => {
    const jobId = image.Labels?.[SAVE_JOB_LABEL];
    return jobId !== undefined && (localRef === undefined || intermediateRef(jobId) === localRef);
  });
}

/**
 * Removes the unnamed snapshots of the save whose intermediate image is `localRef`, by id: with no
 * name, no one pulled them (one a container still uses stays).
 */
export async function removeAbandoned(docker: Docker, localRef: string): Promise<void> {
  for (const image of await abandonedSnapshots(docker, localRef)) {
    try {
      await docker.getImage(image.Id).remove({ force: false });
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404 || status === 409) continue;
      throw new EngineError(
        "engine-unavailable",
        `the engine could not remove ${image.Id}: ${messageOf(error)}`,
      );
    }
  }
}

/** Removes the name `ref` from a local image (the image itself goes once no name is left). */
export async function untag(docker: Docker, ref: string): Promise<void> {
  try {
    await docker.getImage(ref).remove({ force: false });
  } catch (error) {
    // 404: no such name here; 409: a container runs that image (someone pulled it): leave it to them.
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 404 || status === 409) return;
    throw new EngineError("engine-unavailable", `the engine could not untag ${ref}: ${messageOf(error)}`);
  }
}

export function splitReference(ref: string): [string, string] {
  const colon = ref.lastIndexOf(":");
  return [ref.slice(0, colon), ref.slice(colon + 1)];
}

export function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const json = (error as { json?: { message?: string } }).json;
  return json?.message ?? error.message;
}
