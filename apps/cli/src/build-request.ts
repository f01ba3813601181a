import {
  type CreateImageRequest,
  createNotebookImageClient,
  type NotebookImageClient,
  type NotebookImageClientOptions,
  RequestValidationError,
  type ValidationIssue,
  validateCreateImageRequest,
  validateInstanceId,
} from "@notebook-image/client";

/** A request exactly as the client would send it (headers as given to fetch, secrets included). */
export interface BuiltRequest {
  method: string;
  url: string;
  headers: [name: string, value: string][];
  body: string;
}

/** Thrown by the recording fetch so that the client stops right where it would have sent. */
class NotSent extends Error {}

/**
 * Checks everything the client checks, all at once: the options (by creating a client), the
 * instance id and the body. When all are valid, runs the client as for a real save, with a fetch
 * that records the request instead of sending it, so the dry run shows what the client really
 * builds (path encoding, signature headers). Never touches the network.
 */
export async function buildRequest(
  options: Omit<NotebookImageClientOptions, "fetch" | "retry">,
  instanceId: string,
  body: CreateImageRequest,
): Promise<{ request: BuiltRequest } | { issues: readonly ValidationIssue[] }> {
  let built: BuiltRequest | undefined;
  const record: typeof fetch = async (input, init) => {
    const bytes = init?.body;
    built = {
      method: init?.method ?? "GET",
      url: input instanceof Request ? input.url : String(input),
      headers: [...new Headers(init?.headers)],
      body:
        bytes instanceof Uint8Array
          ? new TextDecoder().decode(bytes)
          : typeof bytes === "string"
            ? bytes
            : "",
    };
    throw new NotSent();
  };
  const issues: ValidationIssue[] = [];
  let client: NotebookImageClient | undefined;
  try {
    client = createNotebookImageClient({ ...options, fetch: record, retry: false });
  } catch (error) {
    if (!(error instanceof RequestValidationError)) throw error;
    issues.push(...error.issues);
  }
  issues.push(...validateInstanceId(instanceId), ...validateCreateImageRequest(body));
  if (client === undefined || issues.length > 0) return { issues };

  try {
    await client.saveInstanceAsImage(instanceId, body);
  } catch (error) {
    if (error instanceof RequestValidationError) return { issues: error.issues };
    if (built === undefined) throw error;
  }
  if (built === undefined) throw new Error("the client returned without calling fetch");
  return { request: built };
}
