import {
  createNotebookImageClient,
  type NotebookImageClientOptions,
  RequestValidationError,
  type ValidationIssue,
  validateCreateImageRequest,
  validateInstanceId,
} from "@notebook-image/client";
import type { FormValues } from "./form-values.js";

const neverSend: typeof fetch = async () => {
  throw new Error("not sent: this client only checks arguments");
};

/**
 * Every problem with the form, in the client's own words: validateCreateImageRequest (compiled
 * from the spec) for the image fields, the client's option checks for the connection settings,
 * and validateInstanceId for the instance id.
 */
export async function checkForm(values: FormValues): Promise<ValidationIssue[]> {
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
  try {
    createNotebookImageClient({ ...clientOptions(values), fetch: neverSend });
  } catch (error) {
    if (!(error instanceof RequestValidationError)) throw error;
    issues.push(...error.issues);
  }
  issues.push(...validateInstanceId(values.instanceId), ...validateCreateImageRequest(values.body));
  return issues;
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
