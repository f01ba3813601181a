// The stateful server (@notebook-image/server) for reliability tests: plain HTTP calls with the
// development credentials, its control API, and waiting for an image to settle.
import {
  createControlClient,
  DEV_CREDENTIALS,
  DEV_PROJECT_ID,
  type TransitionSettings,
} from "@notebook-image/server";
import { CREATE_IMAGE_PATH, exampleRequest } from "./spec.js";

export const PROJECT = DEV_PROJECT_ID;
const HEADERS = { "content-type": "application/json", "x-auth-token": DEV_CREDENTIALS.token };
const CALL_TIMEOUT_MS = 30_000;

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies of several operations, read generically
  body: any;
}

export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = CALL_TIMEOUT_MS,
): Promise<Answer> {
  const response = await fetch(base + path, {
    method,
    headers: HEADERS,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** A RUNNING notebook made through the control API; its id. */
export async function addNotebook(base: string): Promise<string> {
  return (await createControlClient(base).createNotebook()).id;
}

export async function setTransitions(base: string, transitions: TransitionSettings): Promise<void> {
  await createControlClient(base).setTransitions(transitions);
}

/** The spec's example request, with a tag of its own so that saves do not collide (2884). */
export const saveRequest = (n: number | string) => ({ ...exampleRequest, tag: `${exampleRequest.tag}-${n}` });

export const save = (base: string, notebookId: string, body: unknown, timeoutMs?: number) =>
  call(
    base,
    "POST",
    CREATE_IMAGE_PATH.replace("{project_id}", PROJECT).replace("{id}", encodeURIComponent(notebookId)),
    body,
    timeoutMs,
  );

export const showImage = (base: string, imageId: string) =>
  call(base, "GET", `/v1/${PROJECT}/images/${encodeURIComponent(imageId)}`);

const SETTLED = new Set(["ACTIVE", "CREATE_FAILED", "ERROR"]);

/** Polls ShowImage until the image is ACTIVE or failed; throws after limitMs with its last status. */
export async function waitUntilSettled(base: string, imageId: string, limitMs: number, pollMs = 50) {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const answer = await showImage(base, imageId);
    if (answer.status === 200 && SETTLED.has(answer.body.status)) return answer.body;
    if (Date.now() > deadline) {
      throw new Error(
        `image ${imageId} not settled after ${limitMs} ms: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
