// The real engine: notebook instances are containers of a Docker Engine API (Docker, or podman's
// `podman system service`), a save is a commit of the container and a push to the registry.
// Measured with podman 4.3.1 and Docker 20.10: commit needs a JSON body (`{}`; none is a 500
// "Decode(): EOF") and an explicit pause (podman does not pause by default); the saved image's CMD
// and labels are set with `changes`; a push needs X-Registry-Auth and fails inside its 200 stream.
import Docker from "dockerode";
import { type Engine, EngineError, type EngineStepContext } from "../engine.js";
import { BuiltInImages } from "./built-in-images.js";
import { commitNotebook } from "./commit.js";
import { CommitsInProgress } from "./commits-in-progress.js";
import { DEFAULT_DOCKER_HOST, describeEngine, dockerOptions } from "./docker-host.js";
import { intermediateImages, removeAbandoned, untag } from "./local-images.js";
import { NotebookContainers } from "./notebook-containers.js";
import { pushImage } from "./push.js";
import { RegistryApi, reference } from "./registry-api.js";
import { TrailingCleanUps } from "./trailing-cleanups.js";

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
  /**
   * The image the built-in images are made from (pushed under each one's swr_path the first time a
   * notebook is created from it): held by the engine, or pulled. Default DEFAULT_BUILT_IN_BASE, the
   * static busybox image that `pnpm dev:engine` and the tests' engine host import.
   */
  builtInBase?: string | undefined;
}

/** The base image `@notebook-image/engine-host` imports (its BASE_IMAGE). */
export const DEFAULT_BUILT_IN_BASE = "localhost/notebook-base:latest";

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
  const containers = new NotebookContainers(docker, options.registryAuth);
  const builtIn = new BuiltInImages({
    docker,
    containers,
    registry,
    registryAuth: options.registryAuth ?? {},
    baseImage: options.builtInBase ?? DEFAULT_BUILT_IN_BASE,
  });
  const commits = new CommitsInProgress();
  const pause = options.pause ?? true;
  const trailing = new TrailingCleanUps();
  let closed = false;
  const ensureOpen = (ctx?: EngineStepContext) => {
    if (closed) throw new EngineError("engine-unavailable", "the docker engine is closed");
    ctx?.signal.throwIfAborted();
  };

  return {
    kind: "docker",
    engineVersion,
    dockerHost,

    async commit(input, ctx) {
      ensureOpen(ctx);
      return commits.during(input.notebookId, () =>
        commitNotebook({ docker, containers, pause }, input, ctx),
      );
    },

    async push(input, ctx) {
      ensureOpen(ctx);
      await pushImage(docker, options.registryAuth ?? {}, input, ctx);
      // Only the intermediate image stays local (until remove); the target's tag was for the push.
      // It goes while the worker measures and records the image, off the way to ACTIVE: remove()
      // and close() wait for it.
      trailing.leave(untag(docker, reference(input.target)));
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
      await trailing.settle();
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

    intermediateImages: () => intermediateImages(docker),

    notebooks: {
      list: async (projectId) => (await containers.list(projectId)).map((n) => commits.asCommitted(n)),
      get: async (notebookId) => {
        const notebook = await containers.get(notebookId);
        return notebook && commits.asCommitted(notebook);
      },
      create: (input) => containers.create(input),
      start: (notebookId) => containers.start(notebookId),
      stop: (notebookId) => containers.stop(notebookId),
      remove: (notebookId) => containers.remove(notebookId),
      provideBuiltIn: (target) => builtIn.provide(target),
    },

    async close() {
      closed = true;
      // Waited for, not reported: a tag left behind is all a failure there means.
      await trailing.drain();
    },
  };
}

/** The basic credentials of `auth` for the registry's own API, when it has them. */
function credentialsOf(auth: RegistryAuth | undefined) {
  return auth?.username !== undefined && auth.password !== undefined
    ? { username: auth.username, password: auth.password }
    : undefined;
}
