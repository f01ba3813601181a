// startEngineHost(): a private container engine serving the Docker Engine API on a unix socket
// (podman's `podman system service`, or dockerd with ENGINE_HOST_KIND=docker) and an OCI registry
// under one temporary directory, with the base notebook image imported.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import getPort from "get-port";
import { importBaseImage, importBaseImageThroughApi, NOTEBOOK_COMMAND } from "./base-image.js";
import { startDockerService } from "./docker-service.js";
import { containersLabelled, execIn, pullImage, runToCompletion } from "./engine-api.js";
import { podmanEnvironment, startPodmanService } from "./podman-service.js";
import { type RegistryCredentials, startRegistry } from "./registry.js";
import type { ServiceProcess } from "./service-process.js";
import { removeAllContainers, removeHostDirectory, waitForProcessesUsing } from "./teardown.js";
import { assertEngineHostCanRun, type EngineHostKind, engineHostKind, findProgram } from "./tools.js";

export { BASE_IMAGE, NOTEBOOK_COMMAND } from "./base-image.js";
export { demultiplex, type EngineResponse, engineRequest, runContainer } from "./engine-api.js";
export type { RegistryCredentials } from "./registry.js";
export { mountsUnder, processesUsing } from "./teardown.js";
export {
  DOCKER_ENGINE_TOOLS,
  ENGINE_TOOLS,
  type EngineHostKind,
  EngineHostUnavailableError,
  type EngineTool,
  engineHostKind,
  engineTools,
  explainMissingTools,
  findProgram,
  missingEngineTools,
} from "./tools.js";

const DIR_PREFIX = "notebook-image-engine-";
const run = promisify(execFile);

export interface EngineHostOptions {
  /** Which engine serves the API: podman (the default) or dockerd. Default: ENGINE_HOST_KIND, else podman. */
  kind?: EngineHostKind | undefined;
  /** The registry demands these credentials (htpasswd basic auth); default: anonymous pushes and pulls. */
  registryAuth?: RegistryCredentials | undefined;
  /**
   * Further podman storages (their graphroot, e.g. where images were built) whose images this host
   * runs as if they were its own, read-only and without copying them in (containers/storage's
   * additional image stores). Podman only. They must stay in place, their images unremoved, until
   * close(). Default: none.
   */
  imageStores?: readonly string[] | undefined;
}

export interface EngineHost {
  /** Which engine answers on the socket. */
  readonly kind: EngineHostKind;
  /** The temporary directory holding everything (configuration, storage, registry, logs). */
  readonly dir: string;
  /** For DOCKER_HOST or dockerode: `unix://<dir>/podman.sock` (or `docker.sock`). */
  readonly dockerHost: string;
  readonly socketPath: string;
  /** The registry, `127.0.0.1:<port>` (plain HTTP); image references start with it. */
  readonly registryHost: string;
  /** The credentials the registry demands, when started with registryAuth; pull() uses them. */
  readonly registryAuth: RegistryCredentials | undefined;
  /** The base notebook image, present in the engine's storage. */
  readonly baseImage: string;
  /** The main process of a notebook container made from the base image (waits, ends on SIGTERM). */
  readonly notebookCommand: readonly string[];
  /**
   * Environment under which the `podman` CLI works on this host's storage and configuration (a
   * podman host); with DOCKER_HOST set, so that the `docker` CLI talks to this host's socket too.
   */
  readonly podmanEnv: NodeJS.ProcessEnv;
  /** Runs `cmd` in a running container; its output (stdout and stderr); rejects on a non-zero exit. */
  exec(containerId: string, cmd: readonly string[]): Promise<string>;
  /** Runs `cmd` in a new container of `image` to its end, removes it; its output; rejects on a non-zero exit. */
  run(image: string, cmd: readonly string[]): Promise<string>;
  /** Pulls `ref` from a registry into the engine; rejects with the engine's message when it fails. */
  pull(ref: string): Promise<void>;
  /** The ids of the containers, in any state, labelled `label` ("key" or "key=value"). */
  containersLabelled(label: string): Promise<string[]>;
  /** Stops the registry (to make pushes fail); its content is kept. */
  stopRegistry(): Promise<void>;
  /** Starts the registry again on the same address, after stopRegistry(). */
  startRegistry(): Promise<void>;
  /**
   * Removes every container, stops the engine service and the registry, waits for the conmon
   * processes, unmounts and removes the directory. Nothing is left running. Safe to call twice.
   */
  close(): Promise<void>;
}

/**
 * Starts a private engine host. Throws EngineHostUnavailableError (saying what to install) when a
 * program is missing or we are not root. Hosts left behind by a process that died are cleaned up
 * first.
 */
export async function startEngineHost(options: EngineHostOptions = {}): Promise<EngineHost> {
  const kind = options.kind ?? engineHostKind();
  assertEngineHostCanRun(kind);
  const imageStores = options.imageStores ?? [];
  if (kind === "docker" && imageStores.length > 0)
    throw new Error(
      "startEngineHost: imageStores are podman storages; the docker engine host cannot read them",
    );
  await sweepAbandonedHosts();
  const dir = mkdtempSync(join(tmpdir(), DIR_PREFIX));
  writeFileSync(join(dir, "owner.pid"), String(process.pid));
  const socketPath = join(dir, kind === "docker" ? "docker.sock" : "podman.sock");
  let registry: ServiceProcess | undefined;
  let service: ServiceProcess | undefined;
  let registryHost = "";
  const close = async () => {
    if (service?.running()) await removeAllContainers(socketPath).catch(() => undefined);
    await Promise.all([service?.stop(), registry?.stop()]);
    await waitForProcessesUsing(dir);
    await removeHostDirectory(dir);
  };
  try {
    // The port is picked before the registry binds it; another process can take it meanwhile.
    for (let attempt = 1; registry === undefined; attempt++) {
      registryHost = `127.0.0.1:${await getPort({ host: "127.0.0.1" })}`;
      try {
        registry = await startRegistry(dir, registryHost, options.registryAuth);
      } catch (error) {
        if (attempt >= 3 || !String(error).includes("address already in use")) throw error;
      }
    }
    // registries.conf names the registry, and podman reads it once: it is written before the service starts.
    const podmanEnv = {
      ...podmanEnvironment(dir, registryHost, imageStores),
      DOCKER_HOST: `unix://${socketPath}`,
    };
    let baseImage: string;
    if (kind === "docker") {
      service = await startDockerService(dir, socketPath);
      baseImage = await importBaseImageThroughApi(dir, socketPath);
    } else {
      baseImage = await importBaseImage(dir, podmanEnv);
      service = await startPodmanService(dir, socketPath, podmanEnv);
    }
    let closing: Promise<void> | undefined;
    return {
      kind,
      dir,
      dockerHost: `unix://${socketPath}`,
      socketPath,
      registryHost,
      baseImage,
      notebookCommand: NOTEBOOK_COMMAND,
      podmanEnv,
      exec: (containerId, cmd) => execIn(socketPath, containerId, cmd),
      run: (image, cmd) => runToCompletion(socketPath, image, cmd),
      registryAuth: options.registryAuth,
      pull: (ref) =>
        pullImage(
          socketPath,
          ref,
          options.registryAuth ? { ...options.registryAuth, serveraddress: registryHost } : {},
        ),
      containersLabelled: (label) => containersLabelled(socketPath, label),
      stopRegistry: async () => {
        await registry?.stop();
      },
      startRegistry: async () => {
        if (registry?.running()) return;
        registry = await startRegistry(dir, registryHost, options.registryAuth);
      },
      close: () => {
        closing ??= close();
        return closing;
      },
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/**
 * Cleans up the hosts of processes that died without close() (a killed test run): their services
 * ended with them (the devkit's watchdog), but containers and conmon outlive them, and their storage stays mounted.
 */
async function sweepAbandonedHosts(): Promise<void> {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    const owner = Number(readFileSync(join(dir, "owner.pid"), { encoding: "utf8", flag: "a+" }));
    if (owner > 0 && isAlive(owner)) continue;
    if (existsSync(join(dir, "containers.conf"))) {
      const env = {
        PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin",
        HOME: dir,
        CONTAINERS_CONF: join(dir, "containers.conf"),
        CONTAINERS_STORAGE_CONF: join(dir, "storage.conf"),
        CONTAINERS_REGISTRIES_CONF: join(dir, "registries.conf"),
      };
      await run(findProgram("podman") ?? "podman", ["rm", "--all", "--force", "--time", "0"], { env }).catch(
        () => undefined,
      );
    }
    await waitForProcessesUsing(dir, 5_000);
    await removeHostDirectory(dir);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
