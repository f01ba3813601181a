// Save, then follow the image until its save ends: one call for "save, wait, use the image".
import type { CallOptions } from "../call.js";
import type { NotebookImageCore } from "../core.js";
import { UnexpectedResponseError } from "../errors.js";
import type { CreateImageRequest, Image } from "../types.js";
import { findImage } from "./find-image.js";
import { saveInstanceAsImage } from "./save-instance-as-image.js";
import { type WaitOptions, waitFrom } from "./wait-for-image.js";

export interface SaveAndWaitOptions extends CallOptions {
  /** How to wait (`true`: the defaults, 10 s between polls, 5 minutes in all); `signal` comes from the call. */
  wait?: true | Omit<WaitOptions, "signal">;
}

/**
 * Saves a running notebook instance as an image and waits until the save ends: resolves with the
 * `ACTIVE` image. `onProgress` sees the `INIT` image create-image returns, then each new status.
 * A 201 without the image (listed by the reference page, no body documented) is recovered by
 * looking the image up by name, tag and namespace (findImage); if it cannot be found, the
 * UnexpectedResponseError stands.
 * @throws every error of saveInstanceAsImage and of waitForImage (ImageSaveFailedError, TimeoutError with the last image)
 */
export async function saveInstanceAsImageAndWait(
  core: NotebookImageCore,
  instanceId: string,
  body: CreateImageRequest,
  options: SaveAndWaitOptions = {},
): Promise<Image> {
  const { wait, ...call } = options;
  const waitOptions = wait === true || wait === undefined ? {} : wait;
  let image: Image;
  try {
    image = await saveInstanceAsImage(core, instanceId, body, call);
  } catch (error) {
    const found =
      error instanceof UnexpectedResponseError && error.status === 201 && error.body === undefined
        ? await findImage(core, body, { ...(call.signal ? { signal: call.signal } : {}) })
        : undefined;
    if (!found) throw error;
    image = found;
  }
  waitOptions.onProgress?.(image, { elapsedMs: 0, polls: 0 });
  return waitFrom(core, image.id, { ...waitOptions, ...(call.signal ? { signal: call.signal } : {}) }, image);
}
