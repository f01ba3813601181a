// The built-in images (domain/built-in-images.ts) as real images in the registry: each is the
// engine's base image pushed under the catalogue's swr_path, the first time a notebook needs it.
// Every built-in image holds the same file system (a small base, not PyTorch or MindSpore): what a
// notebook made from one can do is what the base can do.
import type Docker from "dockerode";
import type { ImageTarget } from "../engine.js";
import type { RegistryAuth } from "./docker-engine.js";
import { untag } from "./local-images.js";
import type { NotebookContainers } from "./notebook-containers.js";
import { pushImage } from "./push.js";
import { type RegistryApi, reference } from "./registry-api.js";

/** A push of the base, all layers included (the base is a few MB). */
const PUSH_LIMIT_MS = 5 * 60_000;

export interface BuiltInImagesDeps {
  docker: Docker;
  containers: NotebookContainers;
  registry: RegistryApi;
  registryAuth: RegistryAuth;
  /** The image every built-in one is made from: held by the engine, or pulled. */
  baseImage: string;
}

export class BuiltInImages {
  /** Pushes in progress by reference: two notebooks created at once from one image push it once. */
  private readonly pushing = new Map<string, Promise<void>>();

  constructor(private readonly deps: BuiltInImagesDeps) {}

  /** Makes `target` present in the registry (the base pushed under its name) unless it is there. */
  provide(target: ImageTarget): Promise<void> {
    const ref = reference(target);
    let pushing = this.pushing.get(ref);
    if (!pushing) {
      // Forgotten once settled: the next notebook asks the registry again (the tag may have gone).
      pushing = this.push(target).finally(() => this.pushing.delete(ref));
      this.pushing.set(ref, pushing);
    }
    return pushing;
  }

  private async push(target: ImageTarget): Promise<void> {
    const { docker, containers, registry, registryAuth, baseImage } = this.deps;
    if (await registry.exists(target)) return;
    await containers.ensureImage(baseImage);
    await pushImage(
      docker,
      registryAuth,
      { localRef: baseImage, target },
      {
        jobId: `built-in ${reference(target)}`,
        signal: AbortSignal.timeout(PUSH_LIMIT_MS),
        progress: () => undefined,
      },
    );
    // Only the registry keeps the name: a notebook's container pulls it from there, as any image.
    await untag(docker, reference(target));
  }
}
