// Request validation against the spec's own schemas, which scripts/generate.mjs turns into the
// tables of src/generated/request-schemas.ts at build time: every limit, pattern and field name
// in a message comes from the spec, never from this file.
import type { ValidationIssue } from "./errors.js";
import {
  CREATE_IMAGE_REQUEST_SCHEMA,
  CREATE_NOTEBOOK_REQUEST_SCHEMA,
  DELETE_IMAGE_QUERY_SCHEMA,
  IMAGE_ID_SCHEMA,
  INSTANCE_ID_SCHEMA,
  LIST_IMAGES_QUERY_SCHEMA,
  LIST_NOTEBOOKS_QUERY_SCHEMA,
  NOTEBOOK_ID_SCHEMA,
  PROJECT_ID_SCHEMA,
  RENEW_LEASE_REQUEST_SCHEMA,
  START_NOTEBOOK_QUERY_SCHEMA,
  UPDATE_NOTEBOOK_REQUEST_SCHEMA,
} from "./generated/request-schemas.js";
import { check } from "./schema-check.js";

export type { ValidationIssue };

/**
 * Checks a create-image request body against the spec. Returns every problem found, or an empty
 * array when the body is valid. Nothing is sent.
 */
export function validateCreateImageRequest(body: unknown): ValidationIssue[] {
  return check(CREATE_IMAGE_REQUEST_SCHEMA, body, "");
}

/**
 * Checks a CreateNotebook body against the spec: required fields, unknown ones, and every rule of
 * every field, down its objects and lists of objects. An issue is named by the field's path:
 * `volume.capacity`, `lease.duration`, `endpoints[0].service`. Returns every problem found, or an
 * empty array when the body is valid. Nothing is sent.
 */
export function validateCreateNotebookRequest(body: unknown): ValidationIssue[] {
  return check(CREATE_NOTEBOOK_REQUEST_SCHEMA, body, "");
}

/** Checks a notebook instance id (the path parameter `id`: a UUID). */
export function validateInstanceId(instanceId: unknown): ValidationIssue[] {
  return check(INSTANCE_ID_SCHEMA, instanceId, "instanceId");
}

/** Checks a project id (the path parameter `project_id`: a safe path segment). */
export function validateProjectId(projectId: unknown): ValidationIssue[] {
  return check(PROJECT_ID_SCHEMA, projectId, "projectId");
}

/** Checks an image id (the path parameter `id` of ShowImage and DeleteImage: a UUID). */
export function validateImageId(imageId: unknown): ValidationIssue[] {
  return check(IMAGE_ID_SCHEMA, imageId, "imageId");
}

/** Checks a notebook instance id (the path parameter `id` of ShowNotebook: a UUID). */
export function validateNotebookId(notebookId: unknown): ValidationIssue[] {
  return check(NOTEBOOK_ID_SCHEMA, notebookId, "notebookId");
}

/**
 * Checks a ListImage query against the spec's query parameters: known names only, integers within
 * their bounds, booleans, enums. Issues are named `query.<parameter>`.
 */
export function validateListImagesQuery(query: unknown): ValidationIssue[] {
  return check(LIST_IMAGES_QUERY_SCHEMA, query, "query");
}

/** Checks a ListNotebooks query against the spec's query parameters; issues are named `query.<parameter>`. */
export function validateListNotebooksQuery(query: unknown): ValidationIssue[] {
  return check(LIST_NOTEBOOKS_QUERY_SCHEMA, query, "query");
}

/** Checks the query of StartNotebook (`duration`, `type`); issues are named `query.<parameter>`. */
export function validateStartNotebookQuery(query: unknown): ValidationIssue[] {
  return check(START_NOTEBOOK_QUERY_SCHEMA, query, "query");
}

/**
 * Checks an UpdateNotebook body against the spec, down its objects and lists of objects; an issue is
 * named by the field's path (`storage_new_size`, `data_volumes[1].capacity`). Nothing is sent.
 */
export function validateUpdateNotebookRequest(body: unknown): ValidationIssue[] {
  return check(UPDATE_NOTEBOOK_REQUEST_SCHEMA, body, "");
}

/** Checks the body of RenewLease (`duration` in ms, `type`); issues are named `lease.<field>`. */
export function validateLeaseRequest(lease: unknown): ValidationIssue[] {
  return check(RENEW_LEASE_REQUEST_SCHEMA, lease, "lease");
}

/** Checks the query of DeleteImage (`force`); issues are named `<path>.force`. */
export function validateDeleteImageQuery(query: unknown, path = "query"): ValidationIssue[] {
  return check(DELETE_IMAGE_QUERY_SCHEMA, query, path);
}
