// The pages of a list operation (ListImage, ListNotebooks): reading one page, every item of it held
// to its schema, and walking every page by limit and offset.
import type { Answer } from "../call.js";
import { UnexpectedResponseError } from "../errors.js";
import { readBody } from "../response.js";
import { type ResponseShape, shapeProblems } from "../response-shape.js";

/** A page as ModelArts' list operations answer it. */
export interface Page<T> {
  data: T[];
  total: number;
}

/** Every item of a query, page after page; `pages()` gives the pages themselves. */
export interface PagedList<T, P extends Page<T>> extends AsyncIterable<T> {
  pages(): AsyncIterable<P>;
}

/**
 * The page of a success answer, held to `pageShape`, and each of its items to `itemShape`.
 * `what` names a page ("a page of images"), `item` one of its items ("an image").
 */
export function readPage<T, P extends Page<T>>(
  answer: Answer,
  shapes: { page: ResponseShape; item: ResponseShape },
  what: { page: string; item: string },
): P {
  const page = readBody<P>(answer, shapes.page, what.page);
  page.data.forEach((item, index) => {
    const problems = shapeProblems(shapes.item, item);
    if (problems.length > 0) {
      throw new UnexpectedResponseError(
        `${answer.response.status}: data[${index}] of the page is not ${what.item} (${problems.join("; ")})`,
        {
          status: answer.response.status,
          requestId: answer.response.headers.get("x-request-id") ?? undefined,
          body: page,
        },
      );
    }
  });
  return page;
}

/**
 * Every item over all pages, fetched as the iteration goes: pages of `limit` items from `offset`,
 * until a page holds fewer than `limit` (or none). Nothing is fetched before the iteration starts.
 */
export function pagedList<T, P extends Page<T>>(
  limit: number,
  offset: number,
  fetchPage: (limit: number, offset: number) => Promise<P>,
): PagedList<T, P> {
  async function* pages(): AsyncGenerator<P> {
    let next = offset;
    for (;;) {
      const page = await fetchPage(limit, next);
      yield page;
      // A short (or empty) page is the last; `total` stops a server that pads its pages.
      next += page.data.length;
      if (page.data.length < limit || page.data.length === 0 || next >= page.total) return;
    }
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page.data;
    },
  };
}
