// Where the Docker Engine API is (DOCKER_HOST, as the docker CLI reads it), and a first call that
// says clearly what is wrong when nothing answers there.
import type Docker from "dockerode";
import { EngineError } from "../engine.js";

export const DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

/** dockerode's connection options for a DOCKER_HOST value: unix://path, tcp://host:port, http(s)://. */
export function dockerOptions(dockerHost: string): Docker.DockerOptions {
  if (dockerHost.startsWith("unix://")) return { socketPath: dockerHost.slice("unix://".length) };
  if (dockerHost.startsWith("/")) return { socketPath: dockerHost };
  const url = new URL(dockerHost.replace(/^tcp:\/\//, "http://"));
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new EngineError(
      "engine-unavailable",
      `DOCKER_HOST ${dockerHost} is not supported: use unix:///path/to/docker.sock, tcp://host:port or https://host:port`,
    );
  }
  return {
    host: url.hostname,
    port: Number(url.port || (url.protocol === "https:" ? 2376 : 2375)),
    protocol: url.protocol === "https:" ? "https" : "http",
  };
}

/** What answers on the socket: "Docker Engine 20.10.24", "Podman Engine 4.3.1". */
export async function describeEngine(docker: Docker, dockerHost: string, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const version = (await Promise.race([docker.version(), timeout])) as {
      Version?: string;
      Components?: { Name: string; Version: string }[];
    };
    const component = version.Components?.find((item) => /engine/i.test(item.Name));
    // Podman names its component "Podman Engine"; Docker's is plain "Engine".
    if (!component || component.Name === "Engine")
      return `Docker Engine ${component?.Version ?? version.Version}`;
    return `${component.Name} ${component.Version}`;
  } catch (error) {
    throw new EngineError("engine-unavailable", explainUnreachable(dockerHost, error));
  } finally {
    clearTimeout(timer);
  }
}

/** Why nothing answers at `dockerHost`, and what to do about it. */
export function explainUnreachable(dockerHost: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return [
    `The docker engine cannot reach the Docker Engine API at ${dockerHost} (${reason}).`,
    "Start one, or point DOCKER_HOST at a running one:",
    "  - `pnpm dev:engine` starts a private podman service and registry and the server on them;",
    "  - or `podman system service --time=0 unix:///tmp/podman.sock` and DOCKER_HOST=unix:///tmp/podman.sock;",
    "  - podman, runc and docker-registry come with `sudo bash scripts/bootstrap.sh` (Debian, as root).",
    "Without a container engine, run the server with the default simulated engine (--engine simulated).",
  ].join("\n");
}
