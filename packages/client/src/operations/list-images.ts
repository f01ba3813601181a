// GET /v1/{project_id}/images (ListImage): one page, or every image over all pages.
import { type ApiCall, apiCall, type CallOptions, responseInfo, send } from "../call.js";
import type { NotebookImageCore } from "../core.js";
import { IMAGE_PAGE_SHAPE, IMAGE_SHAPE } from "../generated/response-shapes.js";
import { LIST_IMAGES_DEFAULT_LIMIT, LIST_IMAGES_OPERATION } from "../generated/spec-facts.js";
import type { Image, ImagePage, ListImagesQuery } from "../types.js";
import { validateListImagesQuery } from "../validation.js";
import { type PagedList, pagedList, readPage } from "./pages.js";

/**
 * One page of images. Saved images are `DEDICATED`; ModelArts lists `BUILD_IN` ones unless
 * `type: "DEDICATED"` is given. Every image of the page is held to the image schema.
 * @throws {RequestValidationError} before sending anything, when the query or an option is invalid
 * @throws {ModelArtsApiError} when ModelArts answers with an error status
 * @throws {UnexpectedResponseError} when a success answer is not a page of images
 * @throws {TimeoutError | NetworkError} when no answer came
 */
export function listImagesPage(
  core: NotebookImageCore,
  query: ListImagesQuery = {},
  options: CallOptions = {},
): ApiCall<ImagePage> {
  return apiCall(async () => {
    const { method, path } = LIST_IMAGES_OPERATION;
    const params = { path: { project_id: core.projectId }, query };
    const answer = await send(core, validateListImagesQuery(query), options, (init) =>
      core.api[method](path, { ...init, params }),
    );
    const page = readPage<Image, ImagePage>(
      answer,
      { page: IMAGE_PAGE_SHAPE, item: IMAGE_SHAPE },
      { page: "a page of images", item: "an image" },
    );
    return { data: page, response: responseInfo(answer.response) };
  });
}

/** Every image of a query, page after page; `pages()` gives the pages themselves. */
export type ImageList = PagedList<Image, ImagePage>;

/**
 * Every image that matches `query`, over all pages, fetched as the iteration goes: pages of
 * `limit` images (the spec's default when not given) from `offset` (0), until a page holds fewer
 * than `limit` (or none). Nothing is sent before the iteration starts; a bad query rejects its
 * first step with a RequestValidationError.
 * @example for await (const image of listImages(core, { type: "DEDICATED", namespace: "atelier-auto" })) …
 */
export function listImages(
  core: NotebookImageCore,
  query: ListImagesQuery = {},
  options: CallOptions = {},
): ImageList {
  return pagedList(query.limit ?? LIST_IMAGES_DEFAULT_LIMIT, query.offset ?? 0, (limit, offset) =>
    listImagesPage(core, { ...query, limit, offset }, options),
  );
}
