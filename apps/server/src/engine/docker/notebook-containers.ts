// Notebook instances as containers: a container labelled modelarts.notebook.id=<uuid> (and its
// project) is a notebook; its state is the notebook's status.
import { randomUUID } from "node:crypto";
import type Docker from "dockerode";
import { EngineError, type EngineNotebook, WORK_VOLUME_PATH } from "../engine.js";
import type { RegistryAuth } from "./docker-engine.js";
import { NOTEBOOK_ID_LABEL, NOTEBOOK_NAME_LABEL, PROJECT_ID_LABEL } from "./labels.js";
import { ProgressStreamError, readProgressStream } from "./progress-stream.js";

/** How long a stop waits for the notebook's processes to end before it kills them. */
const STOP_GRACE_SECONDS = 10;
/** Any other call on a container or volume: well over what a loaded engine takes. */
const CALL_LIMIT_MS = 60_000;
/** A pull, progress stream included (a notebook image can be gigabytes). */
const PULL_LIMIT_MS = 15 * 60_000;

const limit = () => AbortSignal.timeout(CALL_LIMIT_MS);

/** Ignores the engine's refusal with HTTP `status` (404: gone already), rethrows the others. */
const unlessStatus = (status: number) => (error: unknown) => {
  if ((error as { statusCode?: number }).statusCode !== status) throw error;
};

/** Container state → notebook status. Paused is FROZEN (ModelArts freezes an instance it suspends). */
export function notebookStatus(state: string): EngineNotebook["status"] {
  switch (state) {
    case "running":
    case "restarting":
      return "RUNNING";
    case "paused":
      return "FROZEN";
    case "created":
    case "exited":
    case "stopped":
    case "configured":
      return "STOPPED";
    default:
      return "ERROR"; // dead, removing, unknown
  }
}

export class NotebookContainers {
  constructor(
    private readonly docker: Docker,
    /** X-Registry-Auth of the pulls (the registry's credentials; `{}` for an anonymous one). */
    private readonly registryAuth: RegistryAuth = {},
  ) {}

  async list(projectId?: string): Promise<EngineNotebook[]> {
    const labels = [NOTEBOOK_ID_LABEL];
    if (projectId !== undefined) labels.push(`${PROJECT_ID_LABEL}=${projectId}`);
    const containers = await this.docker.listContainers({ all: true, filters: { label: labels } });
    return containers.flatMap((container) => {
      const notebook = fromLabels(
        container.Labels,
        container.State,
        container.Image,
        container.Created * 1000,
      );
      return notebook ? [notebook] : [];
    });
  }

  /** The container of notebook `notebookId`, or undefined. */
  async find(notebookId: string): Promise<Docker.ContainerInfo | undefined> {
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: [`${NOTEBOOK_ID_LABEL}=${notebookId}`] },
    });
    return containers[0];
  }

  /**
   * The notebook's container, inspected: by the name this engine gives the containers it creates,
   * else by label (a container made by someone else).
   */
  async inspect(notebookId: string): Promise<Docker.ContainerInspectInfo | undefined> {
    const byName = await this.inspectRef(containerName(notebookId));
    if (byName?.Config.Labels?.[NOTEBOOK_ID_LABEL] === notebookId) return byName;
    const labelled = await this.find(notebookId);
    return labelled ? this.inspectRef(labelled.Id) : undefined;
  }

  private async inspectRef(ref: string): Promise<Docker.ContainerInspectInfo | undefined> {
    try {
      return await this.docker.getContainer(ref).inspect();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  async get(notebookId: string): Promise<EngineNotebook | undefined> {
    const container = await this.find(notebookId);
    if (!container) return undefined;
    return fromLabels(container.Labels, container.State, container.Image, container.Created * 1000);
  }

  /**
   * Creates and starts a notebook container of `image` (pulled first when the engine lacks it),
   * with its work volume, without network: the API ignores podman's defaults and would set up a
   * bridge and iptables rules.
   */
  async create(input: {
    projectId: string;
    id?: string | undefined;
    name?: string | undefined;
    image: string;
  }) {
    const id = input.id ?? randomUUID();
    const name = input.name ?? `notebook-${id.slice(0, 8)}`;
    if (await this.find(id)) {
      throw new Error(`a container for notebook ${id} exists already`);
    }
    await this.ensureImage(input.image);
    const labels = { [NOTEBOOK_ID_LABEL]: id, [PROJECT_ID_LABEL]: input.projectId };
    await this.docker.createVolume({ Name: volumeName(id), Labels: labels, abortSignal: limit() });
    const container = await this.docker.createContainer({
      Image: input.image,
      name: containerName(id),
      Labels: { ...labels, [NOTEBOOK_NAME_LABEL]: name },
      HostConfig: {
        NetworkMode: "none",
        Mounts: [{ Type: "volume", Source: volumeName(id), Target: WORK_VOLUME_PATH }],
      },
      abortSignal: limit(),
    });
    await container.start({ abortSignal: limit() });
    const info = await container.inspect({ abortSignal: limit() });
    return {
      id,
      name,
      projectId: input.projectId,
      status: notebookStatus(info.State.Status),
      image: input.image,
      createdAt: new Date(info.Created),
    } satisfies EngineNotebook;
  }

  /** Starts the notebook's container; one running already stays so (the engine answers 304). */
  async start(notebookId: string): Promise<void> {
    await this.docker
      .getContainer(await this.idOf(notebookId))
      .start({ abortSignal: limit() })
      .catch(unlessStatus(304));
  }

  /** Stops the notebook's container (SIGTERM, SIGKILL after STOP_GRACE_SECONDS); a stopped one stays so. */
  async stop(notebookId: string): Promise<void> {
    await this.docker
      .getContainer(await this.idOf(notebookId))
      .stop({ t: STOP_GRACE_SECONDS, abortSignal: limit() })
      .catch(unlessStatus(304));
  }

  /** Removes the notebook's container (running or not) and its work volume; either may be gone already. */
  async remove(notebookId: string): Promise<void> {
    const container = await this.find(notebookId);
    if (container) {
      await this.docker
        .getContainer(container.Id)
        .remove({ force: true, abortSignal: limit() })
        .catch(unlessStatus(404));
    }
    await this.docker
      .getVolume(volumeName(notebookId))
      .remove({ abortSignal: limit() })
      .catch(unlessStatus(404));
  }

  private async idOf(notebookId: string): Promise<string> {
    const container = await this.find(notebookId);
    if (!container) {
      throw new EngineError(
        "notebook-not-found",
        `no container is labelled ${NOTEBOOK_ID_LABEL}=${notebookId} on the engine`,
      );
    }
    return container.Id;
  }

  /** Pulls `image` from its registry unless the engine holds it already. */
  async ensureImage(image: string): Promise<void> {
    try {
      await this.docker.getImage(image).inspect();
      return;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    }
    const signal = AbortSignal.timeout(PULL_LIMIT_MS);
    const stream = (await this.docker.pull(image, {
      authconfig: this.registryAuth,
      abortSignal: signal,
    })) as NodeJS.ReadableStream;
    await readProgressStream(stream, { signal }).catch((error: unknown) => {
      const reason = error instanceof ProgressStreamError ? error.message : String(error);
      throw new EngineError("engine-unavailable", `the engine could not pull ${image}: ${reason}`);
    });
  }
}

/** The volume of a notebook's work directory (WORK_VOLUME_PATH), which its saves leave out. */
export function volumeName(notebookId: string): string {
  return `modelarts-notebook-${notebookId}-work`;
}

/** The name this engine gives the container of a notebook it creates. */
export function containerName(notebookId: string): string {
  return `modelarts-notebook-${notebookId}`;
}

function fromLabels(
  labels: Record<string, string>,
  state: string,
  image: string,
  createdAtMs: number,
): EngineNotebook | undefined {
  const id = labels[NOTEBOOK_ID_LABEL];
  const projectId = labels[PROJECT_ID_LABEL];
  // An image saved from a notebook carries its labels blanked out: its containers are not notebooks.
  if (!id || !projectId) return undefined;
  return {
    id,
    name: labels[NOTEBOOK_NAME_LABEL] || `notebook-${id.slice(0, 8)}`,
    projectId,
    status: notebookStatus(state),
    image,
    createdAt: new Date(createdAtMs),
  };
}
