// GET /v1/{project_id}/images (ListImage): one page, or every image over all pages.
import { type ApiCall, apiCall, type CallOptions, responseInfo, send } from "../call.js";
import type { NotebookImageCore } from "../core.js";
import { UnexpectedResponseError } from "../errors.js";
import { IMAGE_PAGE_SHAPE, IMAGE_SHAPE } from "../generated/response-shapes.js";
import { LIST_IMAGES_DEFAULT_LIMIT, LIST_IMAGES_OPERATION } from "../generated/spec-facts.js";
import { readBody } from "../response.js";
import { shapeProblems } from "../response-shape.js";
import type { Image, ImagePage, ListImagesQuery } from "../types.js";
import { validateListImagesQuery } from "../validation.js";

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
    const page = readBody<ImagePage>(answer, IMAGE_PAGE_SHAPE, "a page of images");
    page.data.forEach((image, index) => {
      const problems = shapeProblems(IMAGE_SHAPE, image);
      if (problems.length > 0) {
        throw new UnexpectedResponseError(
          `${answer.response.status}: data[${index}] of the page is not an image (${problems.join("; ")})`,
          {
            status: answer.response.status,
            requestId: answer.response.headers.get("x-request-id") ?? undefined,
            body: page,
          },
        );
      }
    });
    return { data: page, response: responseInfo(answer.response) };
  });
}

/** Every image of a query, page after page; `pages()` gives the pages themselves. */
export interface ImageList extends AsyncIterable<Image> {
  pages(): AsyncIterable<ImagePage>;
}

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
  async function* pages(): AsyncGenerator<ImagePage> {
    const limit = query.limit ?? LIST_IMAGES_DEFAULT_LIMIT;
    let offset = query.offset ?? 0;
    for (;;) {
      const page = await listImagesPage(core, { ...query, limit, offset }, options);
      yield page;
      // A short (or empty) page is the last; `total` stops a server that pads its pages.
      offset += page.data.length;
      if (page.data.length < limit || page.data.length === 0 || offset >= page.total) return;
    }
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page.data;
    },
  };
}
