import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { writeConfig } from "./config-files.js";
import { type ServiceProcess, startServiceProcess, waitUntilReady } from "./service-process.js";
import { findProgram } from "./tools.js";

const READY_TIMEOUT_MS = 30_000;

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the distribution registry on `registryHost` ("127.0.0.1:port") with its storage in
 * `dir`/registry; resolves once `/v2/` answers.
 */
export async function startRegistry(dir: string, registryHost: string): Promise<ServiceProcess> {
  mkdirSync(join(dir, "registry"), { recursive: true });
  const config = writeConfig("registry.yml", dir, { dir, registryHost });
  const registry = startServiceProcess(
    "docker-registry",
    findProgram("docker-registry") ?? "docker-registry",
    ["serve", config],
    {
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
      logFile: join(dir, "registry.log"),
    },
  );
  await waitUntilReady(
    registry,
    async () => (await fetch(`http://${registryHost}/v2/`, { signal: AbortSignal.timeout(2_000) })).ok,
    READY_TIMEOUT_MS,
  );
  return registry;
}
