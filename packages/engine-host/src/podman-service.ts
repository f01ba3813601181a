import { mkdirSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { writeConfig } from "./config-files.js";
import { type ServiceProcess, startServiceProcess, waitUntilReady } from "./service-process.js";
import { findProgram } from "./tools.js";

const READY_TIMEOUT_MS = 60_000;

/**
 * The environment under which every podman command of this host runs: its configuration files in
 * `dir`, nothing read from or written to /etc/containers or /var/lib/containers; `imageStores`
 * (graphroots of other podman storages) are read as additional image stores.
 */
export function podmanEnvironment(
  dir: string,
  registryHost: string,
  imageStores: readonly string[] = [],
): NodeJS.ProcessEnv {
  for (const sub of ["libpod", "static", "volumes", "networks", "storage", "run", "tmp"]) {
    mkdirSync(join(dir, sub), { recursive: true });
  }
  return {
    PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin",
    HOME: dir,
    TMPDIR: join(dir, "tmp"),
    CONTAINERS_CONF: writeConfig("containers.conf", dir, { dir }),
    CONTAINERS_STORAGE_CONF:
      imageStores.length > 0
        ? // A TOML array of basic strings, which JSON's string syntax is.
          writeConfig(
            "storage.conf",
            dir,
            { dir, imageStores: JSON.stringify(imageStores) },
            "image-stores.conf",
          )
        : writeConfig("storage.conf", dir, { dir }),
    CONTAINERS_REGISTRIES_CONF: writeConfig("registries.conf", dir, { registryHost }),
  };
}

/** Starts `podman system service` on the unix socket `socketPath`; resolves once `/_ping` answers. */
export async function startPodmanService(
  dir: string,
  socketPath: string,
  env: NodeJS.ProcessEnv,
): Promise<ServiceProcess> {
  const service = startServiceProcess(
    "podman system service",
    findProgram("podman") ?? "podman",
    ["--log-level=warn", "system", "service", "--time=0", `unix://${socketPath}`],
    { env, logFile: join(dir, "podman.log") },
  );
  await waitUntilReady(service, () => ping(socketPath), READY_TIMEOUT_MS);
  return service;
}

function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: "/_ping", timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
    req.end();
  });
}
