// ModelArts.2884 (an image with this name and tag exists) says nothing of that image. A failed
// save keeps its name and tag taken until the image is deleted (the local server does so; the
// reference pages do not say whether ModelArts frees them), so the page looks the image up: a
// failed one is shown with its reason and a button that deletes it; any other is named, so the
// user can choose another tag knowingly.
import {
  type CreateImageRequest,
  FAILED_IMAGE_STATUSES,
  type Image,
  ModelArtsApiError,
  type NotebookImageClient,
} from "@notebook-image/client";
import { imageRef } from "./follow-view.js";
import { appendError } from "./result-view.js";

const NAME_TAKEN = "ModelArts.2884";

export function isTakenNameError(error: unknown): boolean {
  return error instanceof ModelArtsApiError && error.errorCode === NAME_TAKEN;
}

/** Appends to the result panel what holds the name and tag, once found; nothing when it is not found. */
export async function showWhoHoldsTheName(
  panel: HTMLElement,
  client: NotebookImageClient,
  request: CreateImageRequest,
  endpoint: string,
): Promise<void> {
  const body = panel.querySelector<HTMLElement>("#result-body");
  if (!body) return;
  let holder: Image | undefined;
  try {
    const { name, namespace, tag } = request;
    holder = await client.findImage(tag === undefined ? { name, namespace } : { name, namespace, tag });
  } catch {
    // The refusal and its hint are already shown; the look-up was only a help.
    return;
  }
  if (holder === undefined) return;
  const section = Object.assign(document.createElement("div"), { className: "name-holder" });
  section.id = "name-holder";
  const failed = FAILED_IMAGE_STATUSES.includes(holder.status);
  section.append(
    paragraph(
      failed
        ? `${imageRef(holder)} is held by image ${holder.id}, whose save failed (${holder.status}` +
            `${holder.status_message ? `: ${holder.status_message}` : ""}). ` +
            "A failed image keeps its name and tag until it is deleted."
        : `${imageRef(holder)} is image ${holder.id} (${holder.status}): choose another tag, ` +
            "or delete that image first.",
    ),
  );
  if (failed) section.append(deleteButton(client, holder, section, endpoint));
  // Under the hint, above the request id: it continues the advice.
  body.insertBefore(section, body.querySelector(":scope > dl"));
}

function deleteButton(
  client: NotebookImageClient,
  image: Image,
  section: HTMLElement,
  endpoint: string,
): HTMLElement {
  const button = Object.assign(document.createElement("button"), {
    type: "button",
    className: "secondary",
    textContent: "Delete the failed image",
  });
  button.id = "delete-failed-image";
  const said = paragraph("");
  said.setAttribute("aria-live", "polite");
  button.addEventListener("click", async () => {
    button.disabled = true;
    said.textContent = "Deleting…";
    try {
      await client.deleteImage(image.id);
      said.textContent = `Deleted image ${image.id}: ${imageRef(image)} is free, save again.`;
      button.remove();
    } catch (error) {
      said.textContent = "";
      button.disabled = false;
      appendError(section, error, endpoint);
    }
  });
  const row = Object.assign(document.createElement("div"), { className: "follow-actions" });
  row.append(button, said);
  return row;
}

function paragraph(text: string): HTMLParagraphElement {
  return Object.assign(document.createElement("p"), { textContent: text });
}
