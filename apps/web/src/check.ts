import {
  createNotebookImageClient,
  type NotebookImageClientOptions,
  RequestValidationError,
  type ValidationIssue,
  validateCreateImageRequest,
} from "@notebook-image/client";
import type { FormValues } from "./form-values.js";

const neverSend: typeof fetch = async () => {
  throw new Error("not sent: this client only checks arguments");
};

/**
 * A client whose only job is to check an instance id: the client exports no validator for it, but
 * saveInstanceAsImage checks it before anything else. Its options and the body it is given are
 * fixed stand-ins, valid by construction, so that the instance id is checked even while the form's
 * own settings are incomplete, and only its issues come back. It never sends anything.
 */
const instanceIdChecker = createNotebookImageClient({
  projectId: "stand-in",
  baseUrl: "http://127.0.0.1",
  auth: { token: "stand-in" },
  fetch: neverSend,
  retry: false,
});

const standInBody = { name: "stand-in", namespace: "stand-in" };

/**
 * Every problem with the form, in the client's own words: validateCreateImageRequest (compiled
 * from the spec) for the image fields, the client's option checks for the connection settings,
 * and its argument check for the instance id.
 */
export async function checkForm(values: FormValues): Promise<ValidationIssue[]> {
  const issues: ValidationIssue[] = values.badHeaderLines.map((line) => ({
    path: "headers",
    rule: "header-line",
    message: `headers: line ${line} is not of the form 'Name: value'`,
  }));
  try {
    createNotebookImageClient({ ...clientOptions(values), fetch: neverSend });
  } catch (error) {
    if (!(error instanceof RequestValidationError)) throw error;
    issues.push(...error.issues);
  }
  try {
    await instanceIdChecker.saveInstanceAsImage(values.instanceId, standInBody);
  } catch (error) {
    if (error instanceof RequestValidationError) issues.push(...error.issues);
  }
  issues.push(...validateCreateImageRequest(values.body));
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
