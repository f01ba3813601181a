// A private dockerd (Debian's docker.io) for ENGINE_HOST_KIND=docker: every path it writes is under
// the host's directory, and it touches neither the network set-up nor iptables.
import { existsSync, mkdirSync, readdirSync, rmdirSync } from "node:fs";
import { join } from "node:path";
import { writeConfig } from "./config-files.js";
import { engineRequest } from "./engine-api.js";
import { type ServiceProcess, startServiceProcess, waitUntilReady } from "./service-process.js";
import { findProgram } from "./tools.js";

const READY_TIMEOUT_MS = 60_000;
/** dockerd makes this plugin discovery directory whatever its flags say (it is hard-coded). */
const PLUGINS_DIR = "/run/docker/plugins";

/**
 * Starts dockerd on the unix socket `socketPath`, its storage (`--data-root`), state
 * (`--exec-root`, where it also runs its own containerd) and pid file in `dir`, no bridge, no
 * iptables rules, its trust key in `dir` (config/daemon.json; dockerd 20.10 writes
 * /etc/docker/key.json otherwise). Loopback registries are plain HTTP to Docker by default, so the
 * host's registry needs no `insecure-registries`. Resolves once `/_ping` answers.
 */
export async function startDockerService(dir: string, socketPath: string): Promise<ServiceProcess> {
  for (const sub of ["docker-data", "docker-exec"]) mkdirSync(join(dir, sub), { recursive: true });
  const pluginsDirExisted = existsSync(PLUGINS_DIR);
  const config = writeConfig("daemon.json", dir, { dir });
  const service = startServiceProcess(
    "dockerd",
    findProgram("dockerd") ?? "dockerd",
    [
      "--config-file",
      config,
      "--data-root",
      join(dir, "docker-data"),
      "--exec-root",
      join(dir, "docker-exec"),
      "--pidfile",
      join(dir, "docker.pid"),
      "--host",
      `unix://${socketPath}`,
      "--bridge=none",
      "--iptables=false",
      "--ip6tables=false",
      "--ip-forward=false",
      "--ip-masq=false",
      "--userland-proxy=false",
      "--storage-driver=overlay2",
    ],
    {
      env: { PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin", HOME: dir, TMPDIR: dir },
      logFile: join(dir, "dockerd.log"),
    },
  );
  await waitUntilReady(
    service,
    async () => (await engineRequest(socketPath, "GET", "/_ping")).status === 200,
    READY_TIMEOUT_MS,
  );
  const stop = service.stop;
  return {
    ...service,
    stop: async () => {
      await stop();
      // Left as found: the empty directory goes if this dockerd made it.
      if (!pluginsDirExisted) removeIfEmpty(PLUGINS_DIR, "/run/docker");
    },
  };
}

function removeIfEmpty(...paths: string[]): void {
  for (const path of paths) {
    try {
      if (readdirSync(path).length === 0) rmdirSync(path);
    } catch {
      // gone already, or in use by another dockerd
    }
  }
}
