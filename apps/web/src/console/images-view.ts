// The console's images table: the project's images as ListImage gives them (every type, or the one
// picked), filtered by status on the page (ListImage has no status filter), each with its message
// (a save's progress, a failed one's reason) and a Delete button.
import {
  FAILED_IMAGE_STATUSES,
  type Image,
  LIST_IMAGES_QUERY_FIELDS,
  type ListImagesQuery,
  type NotebookImageClient,
} from "@notebook-image/client";
import { imageRef } from "../follow-view.js";
import { type Cell, fillTable, formatDateTime, tableRow } from "./table.js";

type ImageType = NonNullable<ListImagesQuery["type"]>;

/** ListImage's `type` values, as the spec lists them. */
const IMAGE_TYPES = (LIST_IMAGES_QUERY_FIELDS.find((field) => field.name === "type")?.enum ??
  []) as ImageType[];

/** The Type filter: every type (one ListImage each), or one of the spec's. */
export function fillTypeChoices(select: HTMLSelectElement) {
  select.replaceChildren(new Option("All types", ""), ...IMAGE_TYPES.map((type) => new Option(type, type)));
}

/** Every image of the project of `type`, or of every type; newest first. */
export async function listProjectImages(client: NotebookImageClient, type: string): Promise<Image[]> {
  const types = type === "" ? IMAGE_TYPES : IMAGE_TYPES.filter((known) => known === type);
  const images: Image[] = [];
  for (const listed of types) {
    for await (const image of client.listImages({ type: listed })) images.push(image);
  }
  return images.sort((a, b) => (b.create_at ?? 0) - (a.create_at ?? 0));
}

/**
 * The Status filter: any status, or one of those the listed images have (ListImage cannot filter
 * by status). The one picked stays offered while no image has it.
 */
export function fillStatusChoices(select: HTMLSelectElement, images: Image[]) {
  const picked = select.value;
  const statuses = new Set(images.map((image) => image.status));
  if (picked !== "") statuses.add(picked as Image["status"]);
  select.replaceChildren(
    new Option("Any status", ""),
    ...[...statuses].sort().map((status) => new Option(status, status)),
  );
  select.value = picked;
}

export interface ImageRowActions {
  /** Deletes the image; the table is refreshed afterwards by the caller. */
  delete(image: Image): void;
  /** Images being deleted: their button says so and does nothing. */
  deleting: ReadonlySet<string>;
}

export function showImages(
  table: HTMLTableElement,
  images: Image[],
  status: string,
  actions: ImageRowActions,
) {
  // The table is rebuilt on every refresh: a focused Delete button is focused again in the new rows.
  const focused =
    document.activeElement instanceof HTMLElement ? document.activeElement.dataset.imageId : undefined;
  const shown = status === "" ? images : images.filter((image) => image.status === status);
  const rows = shown.map((image) => {
    const failed = FAILED_IMAGE_STATUSES.includes(image.status);
    const cells: Cell[] = [
      { text: imageRef(image), className: "name" },
      { text: image.status, className: `status status-${image.status}` },
      image.type ?? "",
      { text: image.status_message ?? "", className: failed ? "reason" : "message" },
      image.update_at === undefined ? "" : formatDateTime(image.update_at),
      { text: image.id, className: "id" },
      { text: "", node: deleteButton(image, actions) },
    ];
    const row = tableRow(cells);
    if (failed) row.classList.add("failed");
    return row;
  });
  fillTable(
    table,
    rows,
    images.length === 0 ? "The project has no image of this type." : "No image has this status.",
  );
  if (focused) table.querySelector<HTMLElement>(`button[data-image-id="${CSS.escape(focused)}"]`)?.focus();
}

function deleteButton(image: Image, actions: ImageRowActions): HTMLButtonElement {
  const deleting = actions.deleting.has(image.id);
  const button = Object.assign(document.createElement("button"), {
    type: "button",
    className: "secondary danger",
    textContent: deleting ? "Deleting…" : "Delete",
  });
  button.dataset.imageId = image.id;
  button.setAttribute("aria-label", `Delete ${imageRef(image)}`);
  if (deleting) button.setAttribute("aria-disabled", "true");
  button.addEventListener("click", () => {
    if (!actions.deleting.has(image.id)) actions.delete(image);
  });
  return button;
}
