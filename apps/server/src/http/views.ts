// Domain records as the API shows them: the field names and shapes of the spec's schemas (the
// domain keeps its own names; the wire's snake_case and units are decided here).
import type { components } from "@notebook-image/spec/types";
import type { BuiltInImage } from "../domain/built-in-images.js";
import type { ImagePage, ImageRecord, NotebookRecord } from "../domain/store-port.js";

type Schemas = components["schemas"];

/** Base of a notebook's web IDE URL (ShowNotebook's `url`): the console of cn-north-4. */
const NOTEBOOK_CONSOLE_URL = "https://authoring-modelarts-cnnorth4.huaweicloud.com";

/** Sizes are stored in bytes (what engines measure); the spec documents the field in KB. */
export const bytesToKb = (bytes: number) => Math.ceil(bytes / 1024);

export function imageView(image: ImageRecord | BuiltInImage): Schemas["Image"] {
  const view = savedImageView(image);
  if (!("showName" in image)) return view;
  // A built-in image has a display name and version, and may run on more than CPU flavors.
  return {
    ...view,
    show_name: image.showName,
    show_tag: image.showTag,
    resource_categories: image.resourceCategories,
    support_res_categories: image.resourceCategories,
  };
}

function savedImageView(image: ImageRecord): Schemas["Image"] {
  return {
    id: image.id,
    name: image.name,
    namespace: image.namespace,
    tag: image.tag,
    ...(image.description === null ? {} : { description: image.description }),
    workspace_id: image.workspaceId,
    status: image.status,
    ...(image.statusMessage === null ? {} : { status_message: image.statusMessage }),
    swr_path: image.swrPath,
    ...(image.size === null ? {} : { size: bytesToKb(image.size) }),
    arch: image.arch,
    origin: image.origin,
    type: image.type,
    service_type: image.serviceType,
    visibility: image.visibility,
    dev_services: ["NOTEBOOK", "SSH"],
    resource_categories: ["CPU"],
    // The service reports both on every image; the engines here build CPU images only.
    support_res_categories: ["CPU"],
    // No TMS here: no image has tags. (flavor_type is for Ascend images; show_name and show_tag
    // for built-in ones; swr_instance_id for the enterprise SWR: none of them applies.)
    tags: [],
    create_at: image.createAt,
    update_at: image.updateAt,
  };
}

interface Paging {
  limit: number;
  offset: number;
}

/**
 * A list's paging fields around one page of `limit` items from `offset`, of `total` matching.
 * `current` counts pages from 1, as Huawei's SDK documents it: the page that starts at `offset` is
 * floor(offset / limit) + 1.
 */
function pageView<Item>(data: Item[], total: number, { limit, offset }: Paging) {
  return {
    current: Math.floor(offset / limit) + 1,
    data,
    pages: Math.ceil(total / limit),
    size: data.length,
    total,
  };
}

/** ListImage's body. */
export function imagePageView(page: ImagePage, paging: Paging) {
  return pageView(page.images.map(imageView), page.total, paging) satisfies Schemas["ImagePage"];
}

/** ListNotebooks' body. */
export function notebookPageView(page: { notebooks: NotebookRecord[]; total: number }, paging: Paging) {
  return pageView(page.notebooks.map(notebookView), page.total, paging) satisfies Schemas["NotebookPage"];
}

/** The resource pool every instance of this server runs on. */
const PUBLIC_POOL = { id: "pool-public", name: "public" };
/** The one user and account of this server (it has no IAM users of its own). */
const LOCAL_USER = { id: "5c1e0a7d3f2b4e6a9d8c7b6a5f4e3d2c", name: "notebook-image-user" };
const LOCAL_ACCOUNT = { id: "9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d", name: "notebook-image-account" };
/** JupyterLab of ModelArts' current notebook images. */
const JUPYTER_VERSION = "3.6.7";

/** A notebook's lease (ShowNotebook's `lease`, RenewLease's body). */
export function leaseView(notebook: NotebookRecord): Schemas["NotebookLease"] {
  return {
    create_at: notebook.createAt,
    duration: notebook.lease.duration,
    // The automatic stop is off: this server records the lease and never stops an instance by itself.
    enable: false,
    type: notebook.lease.type,
    update_at: notebook.updateAt,
  };
}

/** ShowNotebook's body. */
export function notebookView(notebook: NotebookRecord) {
  return {
    id: notebook.id,
    name: notebook.name,
    description: notebook.description,
    status: notebook.status,
    ...(notebook.failReason === null ? {} : { fail_reason: notebook.failReason }),
    flavor: notebook.flavor,
    image: {
      id: notebook.image.id,
      name: notebook.image.name,
      swr_path: notebook.image.swrPath,
      type: notebook.image.type,
    },
    workspace_id: notebook.workspaceId,
    url: `${NOTEBOOK_CONSOLE_URL}/${notebook.id}/lab`,
    endpoints: [],
    volume: {
      category: "EVS",
      ownership: "MANAGED",
      mount_path: "/home/ma-user/work/",
      capacity: 5,
      status: "MOUNTED",
    },
    action_progress:
      notebook.status === "SNAPSHOTTING"
        ? [{ step: 1, status: "PROCESSING", description: "saving the image" }]
        : [],
    // What a real instance reports about its platform, with the values of an instance on the
    // public pool of a plain account: nothing here changes how a save behaves.
    feature: "NOTEBOOK",
    billing_items: ["ALL"],
    lease: leaseView(notebook),
    pool: PUBLIC_POOL,
    user: { ...LOCAL_USER, domain: LOCAL_ACCOUNT },
    user_id: LOCAL_USER.id,
    // ModelArts' notebook images run as ma-user (uid 1000) in group ma-group (gid 100).
    run_user: { uid: 1000, gid: 100, user_name: "ma-user", group_name: "ma-group" },
    data_volumes: [],
    is_need_credentials: true,
    jupyter_version: JUPYTER_VERSION,
    tags: [],
    create_at: notebook.createAt,
    update_at: notebook.updateAt,
  } satisfies Schemas["Notebook"];
}
