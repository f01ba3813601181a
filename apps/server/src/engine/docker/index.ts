// What the server loads for `--engine docker` (only then: the simulated engine needs none of this).
import type { DockerEngine, DockerEngineOptions } from "./docker-engine.js";
import { createDockerEngine as connect } from "./docker-engine.js";
import { RegistryApi } from "./registry-api.js";

export type { DockerEngine, DockerEngineOptions, RegistryAuth } from "./docker-engine.js";

/**
 * Connects to the Docker Engine API (DOCKER_HOST) and checks that the registry saved images go to
 * answers, so that a server started on a missing engine or registry says so at once, with what to
 * do, rather than failing every save later.
 */
export async function createDockerEngine(
  options: { registryHost: string } & DockerEngineOptions,
): Promise<DockerEngine> {
  const engine = await connect(options);
  try {
    await new RegistryApi({ protocol: options.registryProtocol }).ping(options.registryHost);
  } catch (error) {
    await engine.close();
    throw error;
  }
  return engine;
}
