// The requests the server benchmarks send: plain HTTP calls on the server's API and control API,
// and the request lists for wrk (wrk.mjs).
import { createControlClient, DEV_CREDENTIALS, DEV_PROJECT_ID } from "@notebook-image/server";
import { CREATE_IMAGE_PATH, imageId, instanceId, projectId, requestBody, SHOW_IMAGE_PATH } from "./spec.mjs";

export const TOKEN = DEV_CREDENTIALS.token;
const HEADERS = { "content-type": "application/json", "x-auth-token": TOKEN };
/** Notebooks created at once through the control API. */
const CREATING = 8;

/**
 * @param {string} path template with {project_id} and {id}
 * @param {string} project
 * @param {string} id
 */
export const fill = (path, project, id) =>
  path.replace("{project_id}", encodeURIComponent(project)).replace("{id}", encodeURIComponent(id));

/** @param {string} base @param {string} method @param {string} path @param {unknown} [body] */
export async function call(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: HEADERS,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** @param {string} base @param {number} count @returns {Promise<string[]>} ids of new notebooks */
export async function addNotebooks(base, count) {
  const control = createControlClient(base);
  /** @type {string[]} */
  const ids = [];
  let started = 0;
  await Promise.all(
    Array.from({ length: CREATING }, async () => {
      while (started < count) {
        started++;
        ids.push((await control.createNotebook()).id);
      }
    }),
  );
  return ids;
}

/** A create-image body whose tag is new: `unique` here, or per request for wrk ("{n}"). */
export const saveBody = (/** @type {string} */ unique) => ({
  ...requestBody,
  tag: `${requestBody.tag}-${unique}`,
});

/** create-image of the server's own dev project, one notebook after the other. @param {readonly string[]} notebooks */
export const serverCreates = (notebooks) =>
  notebooks.map((id) => ({
    method: "POST",
    path: fill(CREATE_IMAGE_PATH, DEV_PROJECT_ID, id),
    body: saveBody("{n}"),
  }));

/** @param {string} id */
export const serverShows = (id) => [{ method: "GET", path: fill(SHOW_IMAGE_PATH, DEV_PROJECT_ID, id) }];

/** Prism answers the spec's examples: the documented notebook and image. */
export const prismCreates = [
  { method: "POST", path: fill(CREATE_IMAGE_PATH, projectId, instanceId), body: requestBody },
];
export const prismShows = [{ method: "GET", path: fill(SHOW_IMAGE_PATH, projectId, imageId) }];

export const showPath = (/** @type {string} */ id) => fill(SHOW_IMAGE_PATH, DEV_PROJECT_ID, id);
export const createPath = (/** @type {string} */ notebookId) =>
  fill(CREATE_IMAGE_PATH, DEV_PROJECT_ID, notebookId);
