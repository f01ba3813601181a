// Following an image until its save ends, as Huawei's own tooling does (Terraform polls ShowImage
// every 10 s for up to 5 minutes): ACTIVE is done; CREATE_FAILED, ERROR and DELETED are failures;
// any other status means "keep polling".
import type { NotebookImageCore } from "../core.js";
import { ImageSaveFailedError, TimeoutError } from "../errors.js";
import type { Image, ImageStatus } from "../types.js";
import { validateImageId } from "../validation.js";
import { getImage } from "./get-image.js";
import { type PollOptions, pollUntil } from "./poll-until.js";

export type { WaitProgress } from "./poll-until.js";

/** The statuses that end a save in failure. */
export const FAILED_IMAGE_STATUSES: readonly ImageStatus[] = ["CREATE_FAILED", "ERROR", "DELETED"];
/** The status of a saved image, ready to use. */
export const ACTIVE_IMAGE_STATUS: ImageStatus = "ACTIVE";

/** How to wait for an image: `onProgress` gets the image as polled. */
export type WaitOptions = PollOptions<Image>;

/**
 * Polls an image (ShowImage) until its save ends. Resolves with the image once `ACTIVE`.
 * A 429 or 503 while polling waits as long as `Retry-After` says (or one interval) and polls
 * again; so does a poll lost to the network or to its own time limit (a GET is safe to repeat).
 * @throws {RequestValidationError} before polling, when the id or an option is invalid
 * @throws {ImageSaveFailedError} when the image ends `CREATE_FAILED`, `ERROR` or `DELETED` (with its `status_message`)
 * @throws {TimeoutError} when `timeoutMs` passes first; its `image` is the last one seen
 * @throws the signal's reason, at once, when `signal` aborts
 * @throws {ModelArtsApiError} on any other error status (an unknown image: 400 `ModelArts.6404`)
 */
export function waitForImage(
  core: NotebookImageCore,
  imageId: string,
  options: WaitOptions = {},
): Promise<Image> {
  return waitFrom(core, imageId, options, undefined);
}

/**
 * waitForImage, knowing the image as `first` (create-image's answer), so that `onProgress` does
 * not see its status twice.
 */
export function waitFrom(
  core: NotebookImageCore,
  imageId: string,
  options: WaitOptions,
  first: Image | undefined,
): Promise<Image> {
  return pollUntil(options, {
    issues: validateImageId(imageId),
    poll: (request) => getImage(core, imageId, request),
    status: (image) => image.status,
    done: (image) => image.status === ACTIVE_IMAGE_STATUS,
    failure: (image) =>
      FAILED_IMAGE_STATUSES.includes(image.status) ? new ImageSaveFailedError(image) : undefined,
    timedOut: (timeoutMs, last) => new TimeoutError(timeoutMs, `waiting for image ${imageId}`, last),
    first,
  });
}
