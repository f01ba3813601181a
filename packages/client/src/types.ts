// Readable names for the generated OpenAPI types. Stable: these are part of the public API.
import type { components, operations } from "./generated/openapi.js";
import type { REGIONS } from "./generated/spec-facts.js";

/** Body of `POST /v1/{project_id}/notebooks/{id}/create-image`. */
export type CreateImageRequest = components["schemas"]["CreateImageRequest"];
/** The image being saved, as the create-image call returns it (unknown fields kept). */
export type Image = components["schemas"]["Image"];
/** Status of an image: `INIT`, `CREATING`, `ACTIVE`, `CREATE_FAILED`, ... */
export type ImageStatus = components["schemas"]["ImageStatus"];
/** The body of every ModelArts (and API gateway) error: `{ error_code, error_msg }`. */
export type ModelArtsErrorBody = components["schemas"]["ModelArtsError"];
/** A Huawei Cloud region with ModelArts that the spec lists (its server variable). */
export type KnownRegion = (typeof REGIONS)[number];
/** A region: a known one (suggested by editors), or any other region name (one Huawei opened later). */
export type Region = KnownRegion | (string & {});
/** The create-image operation, for use with openapi-fetch helper types. */
export type CreateImageOperation = operations["createImage"];
/** A notebook instance, as ShowNotebook returns it (unknown fields kept). */
export type Notebook = components["schemas"]["Notebook"];
/** Status of a notebook instance: `RUNNING`, `SNAPSHOTTING` (its image being saved), ... */
export type NotebookStatus = components["schemas"]["NotebookStatus"];
/** One page of ListImage. */
export type ImagePage = components["schemas"]["ImagePage"];
/** The query of ListImage: filters, paging, sort (all optional). */
export type ListImagesQuery = NonNullable<operations["ListImage"]["parameters"]["query"]>;

/** The body of CreateNotebook. */
export type CreateNotebookRequest = components["schemas"]["CreateNotebookRequest"];

/** One page of ListNotebooks. */
export type NotebookPage = components["schemas"]["NotebookPage"];

/** ListNotebooks' query: the filters of Huawei's SDK and the page. */
export type ListNotebooksQuery = NonNullable<operations["ListNotebooks"]["parameters"]["query"]>;

/** The body of UpdateNotebook: the fields to change. */
export type UpdateNotebookRequest = components["schemas"]["UpdateNotebookRequest"];

/** RenewLease's body: the run time from now (`duration`, ms) and the kind of stop (`type`). */
export type NotebookLeaseRequest = components["schemas"]["NotebookLeaseRequest"];

/** A notebook instance's automatic stop (ShowNotebook's `lease`, RenewLease's answer). */
export type NotebookLease = components["schemas"]["NotebookLease"];

/** StartNotebook's query: the automatic stop after the start. */
export type StartNotebookQuery = NonNullable<operations["StartNotebook"]["parameters"]["query"]>;
