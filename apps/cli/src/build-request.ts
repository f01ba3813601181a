// The dry run: the request a call would send, built by the client itself, not sent.
// INTERIM: records the request with a fetch that stops the client where it would send, until
// the client's prepare/dry-run entry is on main.
import {
  createNotebookImageClient,
  type NotebookImageClient,
  RequestValidationError,
} from "@notebook-image/client";
import type { ClientOptions } from "./session.js";

/** A request exactly as the client would send it (headers as given to fetch, secrets included). */
export interface BuiltRequest {
  method: string;
  url: string;
  headers: [name: string, value: string][];
  body: string;
}

class NotSent extends Error {}

export async function buildRequest(
  options: ClientOptions,
  call: (client: NotebookImageClient) => Promise<unknown>,
): Promise<BuiltRequest> {
  let built: BuiltRequest | undefined;
  const record: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const bytes = init?.body;
    built = {
      method: init?.method ?? request?.method ?? "GET",
      url: request?.url ?? String(input),
      headers: [...new Headers(init?.headers ?? request?.headers)],
      body:
        bytes instanceof Uint8Array
          ? new TextDecoder().decode(bytes)
          : typeof bytes === "string"
            ? bytes
            : "",
    };
    throw new NotSent();
  };
  const client = createNotebookImageClient({ ...options, fetch: record, retry: false });
  try {
    await call(client);
  } catch (error) {
    if (error instanceof RequestValidationError || built === undefined) throw error;
  }
  if (built === undefined) throw new Error("the client returned without calling fetch");
  return built;
}
