// The real engine: notebook instances are containers of a Docker Engine API (Docker, or podman's
// `podman system service`), a save is a commit of the container and a push to the registry.
// Measured with podman 4.3.1 and Docker 20.10: commit needs a JSON body (`{}`; none is a 500
// "Decode(): EOF") and an explicit pause (podman does not pause by default); the saved image's CMD
// and labels are set with `changes`; a push needs X-Registry-Auth and fails inside its 200 stream.
import Docker from "dockerode";
import { type Engine, EngineError, type EngineNotebook, type EngineStepContext } from "../engine.js";
import { DEFAULT_DOCKER_HOST, describeEngine, dockerOptions } from "./docker-host.js";
import {
  INTERMEDIATE_REPOSITORY,
  intermediateRef,
  jobIdOfIntermediate,
  NOTEBOOK_ID_LABEL,
  NOTEBOOK_NAME_LABEL,
  PROJECT_ID_LABEL,
  SAVE_JOB_LABEL,
  SAVED_FROM_LABEL,
} from "./labels.js";
import { containerName, NotebookContainers } from "./notebook-containers.js";
import { layerProgress, ProgressStreamError, readProgressStream } from "./progress-stream.js";
import { RegistryApi, reference, repository } from "./registry-api.js";

export interface DockerEngineOptions {
  /** The Docker Engine API: unix:///path, tcp://host:port. Default DOCKER_HOST, else /var/run/docker.sock. */
  dockerHost?: string | undefined;
  /**
   * Pause the container during the commit (default true), so the image is a consistent snapshot.
   * Docker's default; podman's is not to pause, so it is always sent.
   */
  pause?: boolean | undefined;
  /** A pushed image larger than this (compressed bytes) ends CREATE_FAILED and is removed from the registry. */
  maxImageSizeBytes?: number | undefined;
  /** The registry's API protocol (size, existence, deletion); default http for loopback hosts, https otherwise. */
  registryProtocol?: "http" | "https" | undefined;
  /**
   * Credentials for the registry: sent in X-Registry-Auth on push, and (username and password) as
   * basic auth on the registry calls that measure, look up and delete tags. Default `{}`, anonymous.
   */
  registryAuth?: RegistryAuth | undefined;
}

/** The Engine API's X-Registry-Auth fields (declared here, so that users need no @types/dockerode). */
export interface RegistryAuth {
  username?: string;
  password?: string;
  serveraddress?: string;
  identitytoken?: string;
}

export interface DockerEngine extends Engine {
  readonly kind: "docker";
  /** "Podman Engine 4.3.1", "Docker Engine 20.10.24": what answered when the engine was created. */
  readonly engineVersion: string;
  readonly dockerHost: string;
  /** The intermediate images that saves left behind (a crash mid-save), for the worker to clean up. */
  intermediateImages(): Promise<{ jobId: string; localRef: string }[]>;
  notebooks: NonNullable<Engine["notebooks"]>;
}

/**
 * Connects to the Docker Engine API and checks that it answers; rejects with
 * EngineError("engine-unavailable") saying what is missing and how to get it otherwise.
 */
export async function createDockerEngine(options: DockerEngineOptions = {}): Promise<DockerEngine> {
  const dockerHost = options.dockerHost ?? process.env.DOCKER_HOST ?? DEFAULT_DOCKER_HOST;
  const docker = new Docker(dockerOptions(dockerHost));
  const engineVersion = await describeEngine(docker, dockerHost, 10_000);
  const registry = new RegistryApi({
    protocol: options.registryProtocol,
    credentials: credentialsOf(options.registryAuth),
  });
  const containers = new NotebookContainers(docker);
  // Notebooks whose container this engine is committing (a count: a refused second save of one
  // commits too, then discards its snapshot). Docker pauses a container for its commit and lists
  // it paused meanwhile: that pause is the save's, not a FROZEN notebook (which create-image
  // would refuse with 6326, and ShowNotebook would record).
  const committing = new Map<string, number>();
  const asCommitted = (notebook: EngineNotebook): EngineNotebook =>
    notebook.status === "FROZEN" && committing.has(notebook.id)
      ? { ...notebook, status: "RUNNING" }
      : notebook;
  const pause = options.pause ?? true;
  let closed = false;
  // Clean-ups left running after a step returned (the pushed target's local tag), each settled to
  // the error it met, if any: the next remove() or close() reports it.
  const trailing = new Set<Promise<unknown>>();
  const leaveRunning = (cleanUp: Promise<void>) => {
    trailing.add(
      cleanUp.then(
        () => undefined,
        (error: unknown) => error ?? new Error(String(error)),
      ),
    );
  };
  const settleTrailing = async () => {
    const running = [...trailing];
    trailing.clear();
    const failure = (await Promise.all(running)).find((error) => error !== undefined);
    if (failure) throw failure;
  };
  const ensureOpen = (ctx?: EngineStepContext) => {
    if (closed) throw new EngineError("engine-unavailable", "the docker engine is closed");
    ctx?.signal.throwIfAborted();
  };
  const unavailable = (action: string, error: unknown) =>
    error instanceof EngineError
      ? error
      : new EngineError("engine-unavailable", `${action}: ${messageOf(error)}`);

  /** The commit itself (see `commit`); rejects with an EngineError saying why. */
  const commitContainer = async (
    input: Parameters<Engine["commit"]>[0],
    ctx: EngineStepContext,
  ): Promise<{ localRef: string }> => {
    const localRef = intermediateRef(ctx.jobId);
    // A resumed save whose commit completed before the restart keeps that snapshot.
    if (ctx.resumed !== false && (await imageExists(docker, localRef))) return { localRef };
    ctx.progress("committing the notebook's container");
    // The engine keeps the container's CMD in the image by itself; the labels change. The
    // container's labels would be copied into the image, and every container run from it would
    // then pass for the notebook: they are blanked out, the origin kept under another name. One
    // label per instruction: podman takes `LABEL a="" b=""` as a single label a.
    const changes = [
      ...[NOTEBOOK_ID_LABEL, PROJECT_ID_LABEL, NOTEBOOK_NAME_LABEL].map((label) => `LABEL ${label}=""`),
      `LABEL ${SAVED_FROM_LABEL}=${JSON.stringify(input.notebookId)}`,
      `LABEL ${SAVE_JOB_LABEL}=${JSON.stringify(ctx.jobId)}`,
    ];
    const [repo, tag] = splitReference(localRef);
    // A paused container is committed as it is (the engine never pauses one twice).
    const commitOf = (container: string) =>
      dial(docker, {
        path: "/commit?",
        method: "POST",
        options: { _query: { container, repo, tag, pause, changes }, _body: {} },
        allowEmpty: true,
        abortSignal: ctx.signal,
        statusCodes: { 200: true, 201: true, 404: "no such container", 500: "server error" },
      });
    // The container the engine created is committed by its name while it is inspected: every
    // round trip before the work counts in a small save. What the inspection finds decides
    // whether that snapshot stands; a container it does not stand for is committed by its id after.
    const byName = containerName(input.notebookId);
    const [inspected, first] = await Promise.allSettled([
      containers.inspect(input.notebookId),
      commitOf(byName),
    ]);
    const discard = () => (first.status === "fulfilled" ? untag(docker, localRef) : Promise.resolve());
    if (inspected.status === "rejected") {
      await discard().catch(() => undefined);
      throw unavailable("the engine could not find the notebook's container", inspected.reason);
    }
    const container = inspected.value;
    if (!container) {
      await discard();
      throw new EngineError(
        "notebook-not-found",
        `no container is labelled ${NOTEBOOK_ID_LABEL}=${input.notebookId} on the engine`,
      );
    }
    const state = container.State.Status;
    // Paused: by this very commit, or FROZEN by hand (which create-image refuses first).
    if (state !== "running" && state !== "paused") {
      await discard();
      throw new EngineError(
        "notebook-not-running",
        `the notebook's container is ${state}: start it before saving it`,
      );
    }
    const committedByName = container.Name.replace(/^\//, "") === byName;
    if (committedByName && first.status === "fulfilled") return { localRef };
    try {
      if (first.status === "rejected" && committedByName) throw first.reason;
      // A container made by someone else, found by its label: committed by its id.
      await discard();
      await commitOf(container.Id);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) {
        throw new EngineError("notebook-not-found", `the notebook's container is gone: ${messageOf(error)}`);
      }
      throw new EngineError("commit-failed", `the commit failed: ${messageOf(error)}`);
    }
    return { localRef };
  };

  return {
    kind: "docker",
    engineVersion,
    dockerHost,

    async commit(input, ctx) {
      ensureOpen(ctx);
      committing.set(input.notebookId, (committing.get(input.notebookId) ?? 0) + 1);
      try {
        return await commitContainer(input, ctx);
      } finally {
        const left = (committing.get(input.notebookId) ?? 1) - 1;
        if (left > 0) committing.set(input.notebookId, left);
        else committing.delete(input.notebookId);
      }
    },

    async push(input, ctx) {
      ensureOpen(ctx);
      const local = docker.getImage(input.localRef);
      const targetRef = reference(input.target);
      // Inspected (for the layer count of the progress) while it is tagged: a round trip less.
      const [inspected, tagged] = await Promise.allSettled([
        local.inspect(),
        local.tag({ repo: repository(input.target), tag: input.target.tag }),
      ]);
      if (inspected.status === "rejected" || tagged.status === "rejected") {
        const error =
          inspected.status === "rejected" ? inspected.reason : (tagged as PromiseRejectedResult).reason;
        if ((error as { statusCode?: number }).statusCode === 404) {
          throw new EngineError(
            "commit-failed",
            `the committed image ${input.localRef} is gone from the engine`,
          );
        }
        await untag(docker, targetRef).catch(() => undefined);
        throw unavailable("the engine could not prepare the committed image for its push", error);
      }
      const layerCount = inspected.value.RootFS.Layers?.length ?? 0;
      try {
        const stream = (await docker.getImage(repository(input.target)).push({
          tag: input.target.tag,
          authconfig: options.registryAuth ?? {},
          abortSignal: ctx.signal,
        })) as NodeJS.ReadableStream;
        await readProgressStream(stream, {
          onEvent: layerProgress(layerCount, ctx.progress),
          signal: ctx.signal,
        });
      } catch (error) {
        await untag(docker, targetRef).catch(() => undefined);
        if (error instanceof ProgressStreamError) throw new EngineError("push-failed", error.message);
        throw new EngineError("push-failed", `the push of ${targetRef} failed: ${messageOf(error)}`);
      }
      // Only the intermediate image stays local (until remove); the target's tag was for the push.
      // It goes while the worker measures and records the image, off the way to ACTIVE: remove()
      // and close() wait for it.
      leaveRunning(untag(docker, targetRef));
    },

    async size(target, ctx) {
      ensureOpen(ctx);
      ctx.progress("measuring the pushed image");
      const bytes = await registry.size(target, ctx.signal);
      const limit = options.maxImageSizeBytes;
      if (limit !== undefined && bytes > limit) {
        await registry.deleteTag(target).catch(() => undefined);
        throw new EngineError(
          "size-exceeded",
          `the image is ${bytes} bytes compressed, over the limit of ${limit} bytes (ModelArts.2845: image size exceeded); it was removed from the registry`,
        );
      }
      return bytes;
    },

    async remove(input) {
      await settleTrailing();
      // Only the name goes: the image itself goes with its last name. Removing it by id would also
      // remove the swr_path someone pulled on this engine meanwhile (it is the very same image).
      if (input.localRef) {
        await untag(docker, input.localRef);
        await removeAbandoned(docker, input.localRef);
      }
      if (input.target) {
        await untag(docker, reference(input.target));
        await registry.deleteTag(input.target);
      }
    },

    async exists(target) {
      ensureOpen();
      return registry.exists(target);
    },

    async intermediateImages() {
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
    },

    notebooks: {
      list: async (projectId) => (await containers.list(projectId)).map(asCommitted),
      get: async (notebookId) => {
        const notebook = await containers.get(notebookId);
        return notebook && asCommitted(notebook);
      },
      create: (input) => containers.create(input),
    },

    async close() {
      closed = true;
      // Waited for, not reported: a tag left behind is all a failure there means.
      await Promise.all(trailing);
    },
  };
}

/** The basic credentials of `auth` for the registry's own API, when it has them. */
function credentialsOf(auth: RegistryAuth | undefined) {
  return auth?.username !== undefined && auth.password !== undefined
    ? { username: auth.username, password: auth.password }
    : undefined;
}

function dial(docker: Docker, options: object): Promise<unknown> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(options as Parameters<Docker["modem"]["dial"]>[0], (error, data) =>
      error ? reject(error) : resolve(data),
    );
  });
}

async function imageExists(docker: Docker, ref: string): Promise<boolean> {
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
async function removeAbandoned(docker: Docker, localRef: string): Promise<void> {
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
async function untag(docker: Docker, ref: string): Promise<void> {
  try {
    await docker.getImage(ref).remove({ force: false });
  } catch (error) {
    // 404: no such name here; 409: a container runs that image (someone pulled it): leave it to them.
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 404 || status === 409) return;
    throw new EngineError("engine-unavailable", `the engine could not untag ${ref}: ${messageOf(error)}`);
  }
}

function splitReference(ref: string): [string, string] {
  const colon = ref.lastIndexOf(":");
  return [ref.slice(0, colon), ref.slice(colon + 1)];
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const json = (error as { json?: { message?: string } }).json;
  return json?.message ?? error.message;
}
