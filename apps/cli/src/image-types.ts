// Which images `image list` lists: the spec's ListImage `type`, whose default (BUILD_IN, as the real
// service and Huawei's SDK have it) applies unless --type is given. Saved images are of another
// type, so an empty or short list says which type it was and how to list the others.
import type { ListImagesQuery } from "@notebook-image/client";
import { queryFlags } from "./field-flags.js";

const typeFlag = queryFlags.find((f) => f.field === "type");

/** The type the API lists for this query: the one given, else the spec's default. */
export function listedType(query: ListImagesQuery): string | undefined {
  const listed = query.type ?? typeFlag?.default;
  return typeof listed === "string" ? listed : undefined;
}

/** The spec's default type, listed when --type is not given. */
export const defaultType = typeof typeFlag?.default === "string" ? typeFlag.default : undefined;

/** The types other than `listed`, for "list the others with --type …". */
export function otherTypes(listed: string | undefined): string[] {
  return (typeFlag?.enum ?? []).map(String).filter((type) => type !== listed);
}
