// A save's push: the intermediate image tagged as the target and pushed to the registry, the
// engine's progress stream read for the layers done and for the failure it reports inside a 200.
import type Docker from "dockerode";
import { type Engine, EngineError, type EngineStepContext } from "../engine.js";
import type { RegistryAuth } from "./docker-engine.js";
import { messageOf, unavailable, untag } from "./local-images.js";
import { layerProgress, ProgressStreamError, readProgressStream } from "./progress-stream.js";
import { reference, repository } from "./registry-api.js";

/**
 * Pushes the committed image as `input.target`; rejects with an EngineError saying why (the
 * target's local tag removed). On success the tag stays: the caller removes it when it suits.
 */
export async function pushImage(
  docker: Docker,
  authconfig: RegistryAuth,
  input: Parameters<Engine["push"]>[0],
  ctx: EngineStepContext,
): Promise<void> {
  const local = docker.getImage(input.localRef);
  const targetRef = reference(input.target);
  // Inspected (for the layer count of the progress) while it is tagged: a round trip less.
  const [inspected, tagged] = await Promise.allSettled([
    local.inspect(),
    local.tag({ repo: repository(input.target), tag: input.target.tag }),
  ]);
  if (inspected.status === "rejected" || tagged.status === "rejected") {
    const error =
      inspected.status === "rejected" ? inspected.reason : (tagged as PromiseRejectedResult).reason;
    if ((error as { statusCode?: number }).statusCode === 404) {
      throw new EngineError("commit-failed", `the committed image ${input.localRef} is gone from the engine`);
    }
    await untag(docker, targetRef).catch(() => undefined);
    throw unavailable("the engine could not prepare the committed image for its push", error);
  }
  const layerCount = inspected.value.RootFS.Layers?.length ?? 0;
  try {
    const stream = (await docker.getImage(repository(input.target)).push({
      tag: input.target.tag,
      authconfig,
      abortSignal: ctx.signal,
    })) as NodeJS.ReadableStream;
    await readProgressStream(stream, {
      onEvent: layerProgress(layerCount, ctx.progress),
      signal: ctx.signal,
    });
  } catch (error) {
    await untag(docker, targetRef).catch(() => undefined);
    if (error instanceof ProgressStreamError) throw new EngineError("push-failed", error.message);
    throw new EngineError("push-failed", `the push of ${targetRef} failed: ${messageOf(error)}`);
  }
}
