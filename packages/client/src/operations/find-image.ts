// Finding an image by what create-image was given: to learn whether a save that timed out (or
// whose answer was lost) has started, before trying again.
import type { CallOptions } from "../call.js";
import type { NotebookImageCore } from "../core.js";
import { RequestValidationError } from "../errors.js";
import type { CreateImageRequest, Image } from "../types.js";
import { validateCreateImageRequest } from "../validation.js";
import { listImages } from "./list-images.js";

/** What identifies a saved image: its organization, name and tag (as given to create-image). */
export type ImageIdentity = Pick<CreateImageRequest, "name" | "namespace" | "tag">;

/**
 * The saved image with this namespace, name and tag, or undefined when there is none. Lists the
 * `DEDICATED` images of the namespace with exactly this name (ListImage, every page) and picks the
 * one with the tag; without a tag, the first image of that name.
 * @throws {RequestValidationError} before sending anything, when a criterion breaks the create-image rules
 * @throws {ModelArtsApiError | UnexpectedResponseError | TimeoutError | NetworkError} as listImages
 */
export async function findImage(
  core: NotebookImageCore,
  identity: ImageIdentity,
  options: CallOptions = {},
): Promise<Image | undefined> {
  const { name, namespace, tag } = identity ?? ({} as ImageIdentity);
  // The criteria are create-image's own fields: held to its rules, so a typo is caught here.
  const issues = validateCreateImageRequest(
    tag === undefined ? { name, namespace } : { name, namespace, tag },
  );
  if (issues.length > 0) throw new RequestValidationError(issues);
  const query = { type: "DEDICATED", namespace, name, name_fuzzy_match: false } as const;
  for await (const image of listImages(core, query, options)) {
    if (image.name === name && image.namespace === namespace && (tag === undefined || image.tag === tag))
      return image;
  }
  return undefined;
}
