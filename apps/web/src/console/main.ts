// The console of the local server: its images (the public API, with the project's token), its
// notebook instances and the requests it answered lately (its control API), refreshed every few
// seconds while the page is open.
import { createNotebookImageClient, type Image } from "@notebook-image/client";
import { createControlClient } from "@notebook-image/server/control-client";
import { devConnection } from "../dev-form.js";
import { imageRef } from "../follow-view.js";
import { connectionFromMainPage, localServerEndpoint } from "../local-server.js";
import { appendError } from "../result-view.js";
import { fillStatusChoices, fillTypeChoices, listProjectImages, showImages } from "./images-view.js";
import { showNotebooks } from "./notebooks-view.js";
import { REQUEST_LOG_MINUTES, showRequests } from "./requests-view.js";
import { formatTime } from "./table.js";

/** How often the tables are read again. */
const REFRESH_MS = 2_000;
/** Each call's limit: a refresh never waits longer than this for an answer. */
const CALL_TIMEOUT_MS = 10_000;

const element = <T extends HTMLElement>(selector: string) => {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`the console's markup has no ${selector}`);
  return found;
};
const projectInput = element<HTMLInputElement>("#console-project-id");
const tokenInput = element<HTMLInputElement>("#console-token");
const typeSelect = element<HTMLSelectElement>("#filter-type");
const statusSelect = element<HTMLSelectElement>("#filter-status");
const imagesTable = element<HTMLTableElement>("#images");
const imagesStatus = element<HTMLElement>("#images-status");
const notebooksTable = element<HTMLTableElement>("#notebooks");
const notebooksStatus = element<HTMLElement>("#notebooks-status");
const requestsTable = element<HTMLTableElement>("#requests");
const requestsStatus = element<HTMLElement>("#requests-status");
const updated = element<HTMLElement>("#console-updated");

const endpoint = localServerEndpoint();
const control = createControlClient(endpoint, { timeoutMs: CALL_TIMEOUT_MS });
const deleting = new Set<string>();
let images: Image[] = [];

/** Says what went wrong in a panel's status line (and clears it when `error` is undefined). */
function say(where: HTMLElement, error?: unknown) {
  where.replaceChildren();
  where.classList.toggle("problem", error !== undefined);
  if (error !== undefined) appendError(where, error, endpoint);
}

function imageClient() {
  return createNotebookImageClient({
    baseUrl: endpoint,
    projectId: projectInput.value.trim(),
    auth: { token: tokenInput.value },
    timeoutMs: CALL_TIMEOUT_MS,
    // The next refresh is the retry.
    retry: false,
  });
}

async function refreshImages() {
  if (projectInput.value.trim() === "" || tokenInput.value === "") {
    images = [];
    showImages(imagesTable, images, "", { delete: deleteImage, deleting });
    imagesStatus.classList.remove("problem");
    imagesStatus.textContent = "Enter the project ID and its token to list the project's images.";
    return;
  }
  try {
    images = await listProjectImages(imageClient(), typeSelect.value);
    say(imagesStatus);
  } catch (error) {
    images = [];
    say(imagesStatus, error);
  }
  renderImages();
}

function renderImages() {
  fillStatusChoices(statusSelect, images);
  showImages(imagesTable, images, statusSelect.value, { delete: deleteImage, deleting });
}

async function deleteImage(image: Image) {
  if (!confirm(`Delete the image ${imageRef(image)}? This cannot be undone.`)) return;
  deleting.add(image.id);
  renderImages();
  try {
    await imageClient().deleteImage(image.id);
    say(imagesStatus);
  } catch (error) {
    say(imagesStatus, error);
  } finally {
    deleting.delete(image.id);
  }
  await refreshImages();
}

async function refreshNotebooks() {
  try {
    showNotebooks(notebooksTable, await control.notebooks());
    say(notebooksStatus);
  } catch (error) {
    say(notebooksStatus, error);
  }
}

async function refreshRequests() {
  try {
    showRequests(requestsTable, await control.requests(), Date.now());
    say(requestsStatus);
  } catch (error) {
    say(requestsStatus, error);
  }
}

let timer: ReturnType<typeof setTimeout> | undefined;
let refreshing = false;
let refreshAgain = false;
/**
 * Reads everything again, then again REFRESH_MS later. One refresh at a time: asked for during
 * one (a filter changed), another follows it at once.
 */
async function refresh() {
  if (refreshing) {
    refreshAgain = true;
    return;
  }
  refreshing = true;
  clearTimeout(timer);
  try {
    do {
      refreshAgain = false;
      await Promise.all([refreshImages(), refreshNotebooks(), refreshRequests()]);
    } while (refreshAgain);
  } finally {
    refreshing = false;
  }
  updated.textContent = `Updated at ${formatTime(Date.now())}, every ${REFRESH_MS / 1000} s.`;
  timer = setTimeout(refresh, REFRESH_MS);
}

fillTypeChoices(typeSelect);
element("#requests-minutes").textContent = String(REQUEST_LOG_MINUTES);
const connection = connectionFromMainPage() ?? devConnection();
if (connection) {
  projectInput.value = connection.projectId;
  tokenInput.value = connection.token;
}
for (const input of [projectInput, tokenInput, typeSelect]) input.addEventListener("change", refresh);
statusSelect.addEventListener("change", renderImages);
element<HTMLFormElement>("#connection").addEventListener("submit", (event) => {
  event.preventDefault();
  void refresh();
});
void refresh();
