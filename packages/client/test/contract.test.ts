// The client against the real Prism mock of the spec (started by global-setup.ts): every status
// code and every named example of the create-image operation, read from the spec, with both kinds
// of authentication. Prism's `Prefer` header picks the answer; it goes through the per-call
// `headers` option.
import { describe, expect, inject, it } from "vitest";
import {
  createNotebookImageClient,
  ModelArtsApiError,
  type NotebookImageClient,
  UnexpectedResponseError,
} from "../src/index.js";
import {
  deref,
  EXAMPLE_INSTANCE_ID,
  EXAMPLE_PROJECT_ID,
  type Json,
  OPERATION_PATH,
  operation,
} from "./spec.js";

const mockUrl = inject("mockUrl");
const BODY = deref(operation.requestBody.content["application/json"].examples.SavePytorchImage).value;

const clients: Record<string, NotebookImageClient> = {
  token: createNotebookImageClient({
    projectId: EXAMPLE_PROJECT_ID,
    baseUrl: mockUrl,
    auth: { token: "contract-test-token" },
    // Retry-After longer than this is not waited for: the 429 comes back at once.
    retry: { retries: 1, baseDelayMs: 10, maxDelayMs: 1_000 },
  }),
  "AK/SK": createNotebookImageClient({
    projectId: EXAMPLE_PROJECT_ID,
    baseUrl: mockUrl,
    auth: { accessKey: "CONTRACTAK", secretKey: "contract-sk", securityToken: "contract-security-token" },
    retry: { retries: 1, baseDelayMs: 10, maxDelayMs: 1_000 },
  }),
};

/** [status, example name or undefined, response object] for every answer the spec documents. */
type Answer = [status: string, example: string | undefined, response: Json];
const answers: Answer[] = Object.entries(operation.responses).flatMap(([status, ref]): Answer[] => {
  const response = deref(ref);
  const examples = response.content?.["application/json"]?.examples ?? {};
  const names = Object.keys(examples);
  return names.length === 0 ? [[status, undefined, response]] : names.map((name) => [status, name, response]);
});

function headerExample(response: Json, name: string): unknown {
  const header = deref(response.headers?.[name]);
  return header?.example ?? header?.schema?.example;
}

describe.each(Object.keys(clients))("against the Prism mock, with %s auth", (authKind) => {
  const client = clients[authKind] as NotebookImageClient;
  /** The statuses Prism really answered in the tests below, and the client handled as expected. */
  const handled = new Set<string>();

  it.each(answers)("status %s, example %s", async (status, example, response) => {
    const prefer = example ? `code=${status}, example=${example}` : `code=${status}`;
    const call = client
      .saveInstanceAsImage(EXAMPLE_INSTANCE_ID, BODY, { headers: { Prefer: prefer } })
      .withResponse();
    const expectedBody = example
      ? deref(response.content["application/json"].examples[example]).value
      : undefined;
    const requestId = headerExample(response, "X-Request-Id");

    if (status === "200") {
      const { data, response: info } = await call;
      expect(data).toEqual(expectedBody);
      expect(info).toMatchObject({ status: 200, requestId });
    } else if (status === "201") {
      // No body is documented for 201 (Prism sends none): the save was accepted, but without the
      // image there is nothing to resolve with.
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnexpectedResponseError);
      expect(error).toMatchObject({ status: 201, requestId, body: undefined });
    } else {
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelArtsApiError);
      expect(error).toMatchObject({
        name: "ModelArtsApiError",
        status: Number(status),
        errorCode: expectedBody.error_code,
        errorMsg: expectedBody.error_msg,
        requestId,
        body: expectedBody,
      });
      expect((error as Error).message).toBe(
        `${status} ${expectedBody.error_code}: ${expectedBody.error_msg}`,
      );
      const retryAfter = headerExample(response, "Retry-After");
      if (retryAfter !== undefined)
        expect((error as ModelArtsApiError).retryAfterMs).toBe(Number(retryAfter) * 1000);
    }
    handled.add(status);
  });

  it("covered every status code of the spec, each answered by Prism and handled as expected", () => {
    expect([...handled].sort()).toEqual(Object.keys(operation.responses).sort());
  });

  it("sends requests that Prism finds valid (no sl-violations) through client.api", async () => {
    const { data, error, response } = await client.api.POST(OPERATION_PATH, {
      params: { path: { project_id: EXAMPLE_PROJECT_ID, id: EXAMPLE_INSTANCE_ID } },
      body: BODY,
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(data?.status).toBe("INIT");
  });

  it("gets Prism's 4xx for a request that skips client-side validation (client.api)", async () => {
    const { data, error, response } = await client.api.POST(OPERATION_PATH, {
      params: { path: { project_id: EXAMPLE_PROJECT_ID, id: "not-a-uuid" } },
      body: { ...BODY, name: "Not Valid" },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(error).toBeDefined();
  });
});
