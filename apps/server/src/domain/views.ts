// Records as the API shows them: the field names and shapes of the spec's schemas.
import type { components } from "@notebook-image/client";
import type { ImageRecord, NotebookRecord } from "./store-port.js";

export type ImageView = components["schemas"]["Image"];

/** Sizes are stored in bytes (what engines measure); the spec documents the field in KB. */
export const bytesToKb = (bytes: number) => Math.ceil(bytes / 1024);

export function imageView(image: ImageRecord): ImageView {
  return {
    id: image.id,
    name: image.name,
    namespace: image.namespace,
    tag: image.tag,
    ...(image.description === null ? {} : { description: image.description }),
    workspace_id: image.workspaceId,
    status: image.status as ImageView["status"],
    ...(image.statusMessage === null ? {} : { status_message: image.statusMessage }),
    swr_path: image.swrPath,
    ...(image.size === null ? {} : { size: bytesToKb(image.size) }),
    arch: image.arch as NonNullable<ImageView["arch"]>,
    origin: image.origin as NonNullable<ImageView["origin"]>,
    type: image.type as NonNullable<ImageView["type"]>,
    service_type: image.serviceType as NonNullable<ImageView["service_type"]>,
    visibility: image.visibility as NonNullable<ImageView["visibility"]>,
    dev_services: ["NOTEBOOK", "SSH"],
    resource_categories: ["CPU"],
    create_at: image.createAt,
    update_at: image.updateAt,
  };
}

/** ShowNotebook's body. */
export function notebookView(notebook: NotebookRecord, options: { consoleUrl: string }) {
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
    url: `${options.consoleUrl}/${notebook.id}/lab`,
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
    create_at: notebook.createAt,
    update_at: notebook.updateAt,
  };
}
