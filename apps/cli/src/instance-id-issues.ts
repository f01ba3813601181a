import {
  createNotebookImageClient,
  RequestValidationError,
  type ValidationIssue,
} from "@notebook-image/client";

const neverSend: typeof fetch = async () => {
  throw new Error("not sent: this client only checks instance ids");
};

/**
 * A client whose only job is to check an instance id: the client exports no validator for it, but
 * saveInstanceAsImage checks it first. Its options and body are fixed stand-ins, valid by
 * construction, so that the id is checked even when the user's own options are unusable, and only
 * the id's issues come back. It never sends anything.
 */
const checker = createNotebookImageClient({
  projectId: "stand-in",
  baseUrl: "http://127.0.0.1",
  auth: { token: "stand-in" },
  fetch: neverSend,
  retry: false,
});
const standInBody = { name: "stand-in", namespace: "stand-in" };

/** The client's issues with an instance id (path `instanceId`), empty when it is valid. */
export async function instanceIdIssues(instanceId: string): Promise<readonly ValidationIssue[]> {
  try {
    await checker.saveInstanceAsImage(instanceId, standInBody);
  } catch (error) {
    if (error instanceof RequestValidationError) return error.issues;
  }
  return [];
}
