// One fuzz case, judged twice: by the client (does it send the call or refuse it?) and by Prism
// (does the mock, validating against the same spec, accept the call?).
import {
  ModelArtsApiError,
  type NotebookImageClient,
  RequestValidationError,
  validateCreateImageRequest,
  validateInstanceId,
} from "@notebook-image/client";
import { createImageUrl, exampleProjectId } from "../support/spec.js";
import type { FuzzCase } from "./arbitraries.js";

export const FUZZ_TOKEN = "fuzz-token";

export interface Judgement {
  fuzzCase: FuzzCase;
  clientAccepts: boolean;
  prismAccepts: boolean;
  /** What the client said when it refused, or Prism's status when it answered. */
  detail: string;
}

/** Prism's statuses for a request it refuses: the spec's 400 for an invalid request, 404 for a path no route matches. */
const PRISM_REFUSALS = new Set([400, 404, 422]);

/**
 * The client's verdict is what its validators say (validateCreateImageRequest, validateInstanceId),
 * and saveInstanceAsImage must act on it: send the call when both accept (to the mock, whose
 * answer is Prism's verdict), refuse it with RequestValidationError otherwise (then the same call
 * is sent to Prism as raw bytes, encoded as the client would have, for Prism's verdict).
 */
export async function judge(
  client: NotebookImageClient,
  mockUrl: string,
  fuzzCase: FuzzCase,
): Promise<Judgement> {
  const { instanceId, body } = fuzzCase;
  const validatorsAccept =
    validateCreateImageRequest(body).length === 0 && validateInstanceId(instanceId).length === 0;
  try {
    // biome-ignore lint/suspicious/noExplicitAny: the fuzz hands the client values its types forbid
    await client.saveInstanceAsImage(instanceId, body as any);
    assertConsistent(validatorsAccept, fuzzCase, "sent although a validator found issues");
    return { fuzzCase, clientAccepts: true, prismAccepts: true, detail: "200" };
  } catch (error) {
    if (error instanceof ModelArtsApiError && PRISM_REFUSALS.has(error.status)) {
      assertConsistent(validatorsAccept, fuzzCase, "sent although a validator found issues");
      return {
        fuzzCase,
        clientAccepts: true,
        prismAccepts: false,
        detail: `Prism ${error.status}: ${error.message}`,
      };
    }
    if (!(error instanceof RequestValidationError)) throw error;
    assertConsistent(!validatorsAccept, fuzzCase, `refused although the validators accept: ${error.message}`);
    const status = await prismStatus(mockUrl, instanceId, body);
    return {
      fuzzCase,
      clientAccepts: false,
      prismAccepts: status === 200,
      detail: `client: ${error.message}`,
    };
  }
}

/** The validators and saveInstanceAsImage must agree. */
function assertConsistent(condition: boolean, fuzzCase: FuzzCase, what: string) {
  if (!condition) {
    throw new Error(
      `validateCreateImageRequest and saveInstanceAsImage disagree (${what}) on ${JSON.stringify(fuzzCase)}`,
    );
  }
}

async function prismStatus(mockUrl: string, instanceId: string, body: unknown): Promise<number> {
  const response = await fetch(createImageUrl(mockUrl, exampleProjectId, instanceId), {
    method: "POST",
    headers: { "content-type": "application/json", "x-auth-token": FUZZ_TOKEN },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  if (response.status !== 200 && !PRISM_REFUSALS.has(response.status)) {
    throw new Error(`Prism answered ${response.status}, neither an acceptance nor a refusal`);
  }
  return response.status;
}
