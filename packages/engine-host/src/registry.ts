import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import bcrypt from "bcryptjs";
import { writeConfig } from "./config-files.js";
import { type ServiceProcess, startServiceProcess, waitUntilReady } from "./service-process.js";
import { findProgram } from "./tools.js";

/** Basic credentials the registry demands (htpasswd), for a host started with registryAuth. */
export interface RegistryCredentials {
  username: string;
  password: string;
}

const READY_TIMEOUT_MS = 30_000;

/**
 * Starts the distribution registry on `registryHost` ("127.0.0.1:port") with its storage in
 * `dir`/registry; resolves once `/v2/` answers (401 when it wants `credentials`: htpasswd auth,
 * bcrypt being the only hash the registry reads).
 */
export async function startRegistry(
  dir: string,
  registryHost: string,
  credentials?: RegistryCredentials,
): Promise<ServiceProcess> {
  mkdirSync(join(dir, "registry"), { recursive: true });
  const htpasswd = join(dir, "registry.htpasswd");
  if (credentials) {
    // Cost 5: the registry checks it on every request, and these are throw-away test credentials.
    writeFileSync(htpasswd, `${credentials.username}:${bcrypt.hashSync(credentials.password, 5)}\n`, {
      mode: 0o600,
    });
  }
  const config = writeConfig(
    "registry.yml",
    dir,
    { dir, registryHost, htpasswd },
    ...(credentials ? ["registry-auth.yml"] : []),
  );
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
    async () => {
      const answer = await fetch(`http://${registryHost}/v2/`, { signal: AbortSignal.timeout(2_000) });
      return answer.ok || (credentials !== undefined && answer.status === 401);
    },
    READY_TIMEOUT_MS,
  );
  return registry;
}
