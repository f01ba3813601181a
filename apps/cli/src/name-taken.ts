// A save refused because its name and tag are taken (ModelArts.2884): often by an image whose own
// save failed, which keeps its name and tag until it is deleted. The CLI looks the holder up and
// says which image it is and how to free the name, instead of only "choose another tag".
import {
  type CreateImageRequest,
  type Image,
  type ListImagesQuery,
  ModelArtsApiError,
} from "@notebook-image/client";
import type { CommonOptions } from "./args.js";
import { bodyFlags } from "./field-flags.js";
import type { Lifecycle } from "./lifecycle.js";
import { deleteCommand } from "./resume.js";

/** The code of the refusal, from the API reference's errors table. */
const NAME_TAG_TAKEN = "ModelArts.2884";
/** Saved images are DEDICATED (the spec's ListImage `type`). */
const SAVED: NonNullable<ListImagesQuery["type"]> = "DEDICATED";

/** What to do about a 2884, naming the image that holds the name and tag; undefined for any other error. */
export async function nameTakenAdvice(
  error: unknown,
  body: CreateImageRequest,
  lifecycle: Lifecycle,
  common: CommonOptions,
): Promise<string | undefined> {
  if (!(error instanceof ModelArtsApiError) || error.errorCode !== NAME_TAG_TAKEN) return undefined;
  const tag = body.tag ?? bodyFlags.find((f) => f.field === "tag")?.default;
  let holder: Image | undefined;
  try {
    const { images } = await lifecycle.listImages({
      name: body.name,
      name_fuzzy_match: false,
      namespace: body.namespace,
      type: SAVED,
    });
    holder = images.find((image) => image.name === body.name && image.tag === tag);
  } catch {
    // The lookup only adds to the message: without it the code's own hint is given.
    return undefined;
  }
  if (holder === undefined) return undefined;
  const why = holder.status_message ? `: ${holder.status_message}` : "";
  const ref = tag === undefined ? body.name : `${body.name}:${String(tag)}`;
  return (
    `image ${holder.id} (${holder.status}${why}) holds ${ref}; choose another tag, ` +
    `or delete that image first:\n    ${deleteCommand(holder.id, common)}`
  );
}
