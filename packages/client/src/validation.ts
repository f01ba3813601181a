// Request validation against the spec's own schemas, which scripts/generate.mjs turns into the
// tables of src/generated/request-schemas.ts at build time: every limit, pattern and field name
// in a message comes from the spec, never from this file.
import type { ValidationIssue } from "./errors.js";
import {
  CREATE_IMAGE_REQUEST_SCHEMA,
  INSTANCE_ID_SCHEMA,
  PROJECT_ID_SCHEMA,
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

/** Checks a notebook instance id (the path parameter `id`: a UUID). */
export function validateInstanceId(instanceId: unknown): ValidationIssue[] {
  return check(INSTANCE_ID_SCHEMA, instanceId, "instanceId");
}

/** Checks a project id (the path parameter `project_id`: a safe path segment). */
export function validateProjectId(projectId: unknown): ValidationIssue[] {
  return check(PROJECT_ID_SCHEMA, projectId, "projectId");
}
