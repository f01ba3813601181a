// GET /v1/{project_id}/notebooks (ListNotebooks): one page, or every notebook instance over all pages.
import { type ApiCall, apiCall, type CallOptions, responseInfo, send } from "../call.js";
import type { NotebookImageCore } from "../core.js";
import { NOTEBOOK_PAGE_SHAPE, NOTEBOOK_SHAPE } from "../generated/response-shapes.js";
import { LIST_NOTEBOOKS_DEFAULT_LIMIT, LIST_NOTEBOOKS_OPERATION } from "../generated/spec-facts.js";
import type { ListNotebooksQuery, Notebook, NotebookPage } from "../types.js";
import { validateListNotebooksQuery } from "../validation.js";
import { type PagedList, pagedList, readPage } from "./pages.js";

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
    const page = readPage<Notebook, NotebookPage>(
      answer,
      { page: NOTEBOOK_PAGE_SHAPE, item: NOTEBOOK_SHAPE },
      { page: "a page of notebook instances", item: "a notebook instance" },
    );
    return { data: page, response: responseInfo(answer.response) };
  });
}

/** Every notebook instance of a query, page after page; `pages()` gives the pages themselves. */
export type NotebookList = PagedList<Notebook, NotebookPage>;

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
  return pagedList(query.limit ?? LIST_NOTEBOOKS_DEFAULT_LIMIT, query.offset ?? 0, (limit, offset) =>
    listNotebooksPage(core, { ...query, limit, offset }, options),
  );
}
