// A save made by the real client with the credentials given, straight to the server (a proxy would
// break signatures): how the auth tests see what the gateway accepts and refuses.
import { createNotebookImageClient, ModelArtsApiError } from "@notebook-image/client";
import { DEV_NAMESPACE } from "../../src/domain/seed.js";
import { DEV_PROJECT_ID } from "./harness.js";

export type ClientAuth = Parameters<typeof createNotebookImageClient>[0]["auth"];

/** Saves the notebook as `name`; the gateway's refusal as { status, code, message }. */
export async function signedSave(serverUrl: string, auth: ClientAuth, notebookId: string, name: string) {
  const client = createNotebookImageClient({
    baseUrl: serverUrl,
    projectId: DEV_PROJECT_ID,
    auth,
    retry: false,
  });
  try {
    const image = await client.saveInstanceAsImage(notebookId, { name, namespace: DEV_NAMESPACE });
    return { status: 200, image };
  } catch (error) {
    if (!(error instanceof ModelArtsApiError)) throw error;
    return { status: error.status, code: error.errorCode, message: error.errorMsg };
  }
}
