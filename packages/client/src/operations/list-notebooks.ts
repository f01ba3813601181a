// GET /v1/{project_id}/notebooks (ListNotebooks): one page, or every notebook instance over all pages.
import { type ApiCall, apiCall, type CallOptions, responseInfo, send } from "../call.js";
import type { NotebookImageCore } from "../core.js";
import { UnexpectedResponseError } from "../errors.js";
import { NOTEBOOK_PAGE_SHAPE, NOTEBOOK_SHAPE } from "../generated/response-shapes.js";
import { LIST_NOTEBOOKS_DEFAULT_LIMIT, LIST_NOTEBOOKS_OPERATION } from "../generated/spec-facts.js";
import { readBody } from "../response.js";
import { shapeProblems } from "../response-shape.js";
import type { ListNotebooksQuery, Notebook, NotebookPage } from "../types.js";
import { validateListNotebooksQuery } from "../validation.js";

/**
 * One page of notebook instances, newest first unless `sort_dir: "ASC"`. Every instance of the page
 * is held to the notebook schema.
 * @throws {RequestValidationError} before sending anything, when the query or an option is invalid
 * @throws {ModelArtsApiError} when ModelArts answers with an error status
 * @throws {UnexpectedResponseError} when a success answer is not a page of notebook instances
 * @throws {TimeoutError | NetworkError} when no answer came
 */
export function listNotebooksPage(
  core: NotebookImageCore,
  query: ListNotebooksQuery = {},
  options: CallOptions = {},
): ApiCall<NotebookPage> {
  return apiCall(async () => {
    const { method, path } = LIST_NOTEBOOKS_OPERATION;
    const params = { path: { project_id: core.projectId }, query };
    const answer = await send(core, validateListNotebooksQuery(query), options, (init) =>
      core.api[method](path, { ...init, params }),
    );
    const page = readBody<NotebookPage>(answer, NOTEBOOK_PAGE_SHAPE, "a page of notebook instances");
    page.data.forEach((notebook, index) => {
      const problems = shapeProblems(NOTEBOOK_SHAPE, notebook);
      if (problems.length > 0) {
        throw new UnexpectedResponseError(
          `${answer.response.status}: data[${index}] of the page is not a notebook instance (${problems.join("; ")})`,
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

/** Every notebook instance of a query, page after page; `pages()` gives the pages themselves. */
export interface NotebookList extends AsyncIterable<Notebook> {
  pages(): AsyncIterable<NotebookPage>;
}

/**
 * Every notebook instance that matches `query`, over all pages, fetched as the iteration goes:
 * pages of `limit` instances (the spec's default when not given) from `offset` (0), until a page holds fewer
 * than `limit` (or none). Nothing is sent before the iteration starts; a bad query rejects its
 * first step with a RequestValidationError.
 * @example for await (const notebook of listNotebooks(core, { status: "RUNNING" })) …
 */
export function listNotebooks(
  core: NotebookImageCore,
  query: ListNotebooksQuery = {},
  options: CallOptions = {},
): NotebookList {
  async function* pages(): AsyncGenerator<NotebookPage> {
    const limit = query.limit ?? LIST_NOTEBOOKS_DEFAULT_LIMIT;
    let offset = query.offset ?? 0;
    for (;;) {
      const page = await listNotebooksPage(core, { ...query, limit, offset }, options);
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
