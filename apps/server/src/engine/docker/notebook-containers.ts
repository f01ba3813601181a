// Notebook instances as containers: a container labelled modelarts.notebook.id=<uuid> (and its
// project) is a notebook; its state is the notebook's status.
import { randomUUID } from "node:crypto";
import type Docker from "dockerode";
import { EngineError, type EngineNotebook } from "../engine.js";
import { NOTEBOOK_ID_LABEL, NOTEBOOK_NAME_LABEL, PROJECT_ID_LABEL } from "./labels.js";
import { ProgressStreamError, readProgressStream } from "./progress-stream.js";

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
  constructor(private readonly docker: Docker) {}

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
   * without network: the API ignores podman's defaults and would set up a bridge and iptables rules.
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
    const container = await this.docker.createContainer({
      Image: input.image,
      name: containerName(id),
      Labels: { [NOTEBOOK_ID_LABEL]: id, [PROJECT_ID_LABEL]: input.projectId, [NOTEBOOK_NAME_LABEL]: name },
      HostConfig: { NetworkMode: "none" },
    });
    await container.start();
    const info = await container.inspect();
    return {
      id,
      name,
      projectId: input.projectId,
      status: notebookStatus(info.State.Status),
      image: input.image,
      createdAt: new Date(info.Created),
    } satisfies EngineNotebook;
  }

  private async ensureImage(image: string): Promise<void> {
    try {
      await this.docker.getImage(image).inspect();
      return;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    }
    const stream = (await this.docker.pull(image, { authconfig: {} })) as NodeJS.ReadableStream;
    await readProgressStream(stream).catch((error: unknown) => {
      const reason = error instanceof ProgressStreamError ? error.message : String(error);
      throw new EngineError("engine-unavailable", `the engine could not pull ${image}: ${reason}`);
    });
  }
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
