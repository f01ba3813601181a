import {
  type CreateImageRequest,
  type NotebookImageClientOptions,
  type ValidationIssue,
  validateClientOptions,
  validateCreateImageRequest,
  validateInstanceId,
} from "@notebook-image/client";
import type { FormValues } from "./form-values.js";

/**
 * Every problem with the form, in the client's own words: validateCreateImageRequest (compiled
 * from the spec) for the image fields, validateClientOptions for the connection settings, and
 * validateInstanceId for the instance id.
 */
export function checkForm(values: FormValues): ValidationIssue[] {
  const issues: ValidationIssue[] = values.badHeaderLines.map((line) => ({
    path: "headers",
    rule: "header-line",
    message: `headers: line ${line} is not of the form 'Name: value'`,
  }));
  if (values.badPollInterval !== undefined) {
    issues.push({
      path: "follow.pollIntervalMs",
      rule: "minimum",
      message: `follow.pollIntervalMs: must be a positive number of seconds (got "${values.badPollInterval}")`,
    });
  }
  issues.push(
    ...validateClientOptions(clientOptions(values)),
    ...validateInstanceId(values.instanceId),
    ...validateCreateImageRequest(values.body),
  );
  return issues;
}

/** The body, once the client's validator has nothing against it. */
export function isCreateImageRequest(body: unknown): body is CreateImageRequest {
  return validateCreateImageRequest(body).length === 0;
}

/** The client options the form describes. */
export function clientOptions(values: FormValues): NotebookImageClientOptions {
  return {
    projectId: values.projectId,
    baseUrl: values.endpoint,
    auth: { token: values.token },
    headers: values.headers,
  };
}
