// ListNotebooks' filters, matched against the notebook as the API shows it: most of them name
// fields of the answer (pool, user, billing…) that this server fills with fixed values, so the
// answer is the one place that knows what a filter is compared with.
import type { ListNotebooksInput } from "../domain/notebook-operations.js";
import type { NotebookRecord } from "../domain/store-port.js";
import { notebookView } from "./views.js";

const contains = (value: string | undefined, part: string | undefined) =>
  part === undefined || (value ?? "").includes(part);
const equals = (value: string | undefined, wanted: string | undefined) =>
  wanted === undefined || value === wanted;

/** `key|value,key|value`: every pair must be among the notebook's tags. */
function hasTags(tags: { key: string; value?: string }[], wanted: string | undefined): boolean {
  if (wanted === undefined) return true;
  return wanted
    .split(",")
    .map((pair) => pair.split("|"))
    .every(([key, value]) =>
      tags.some((tag) => tag.key === key && (value === undefined || tag.value === value)),
    );
}

export function notebookMatcher(query: ListNotebooksInput): (notebook: NotebookRecord) => boolean {
  return (notebook) => {
    const view = notebookView(notebook);
    return (
      contains(view.name, query.name) &&
      equals(view.status, query.status) &&
      equals(view.image.id, query.image_id) &&
      contains(view.flavor, query.flavor) &&
      equals(view.workspace_id, query.workspace_id) &&
      equals(view.feature, query.feature) &&
      equals(view.id, query.id) &&
      equals(view.user_id, query.owner) &&
      contains(view.user.name, query.username) &&
      contains(view.description, query.description) &&
      contains(view.image.swr_path, query.swr_path) &&
      hasTags(view.tags, query.tags) &&
      (query.billing === undefined || (view.billing_items as string[]).includes(query.billing)) &&
      equals(view.pool.id, query.pool_id) &&
      contains(view.pool.name, query.pool_name) &&
      equals(undefined, query.ip)
    );
  };
}
