// POST /v3/auth/tokens (spec/iam.yaml): a token for a project, by password or by an AK/SK-signed
// request, in X-Subject-Token, accepted by the API until its expires_at, then 401 APIGW.0307. The
// client's token-as-a-function option fetches it, as the client README shows.
import { createNotebookImageClient, ModelArtsApiError } from "@notebook-image/client";
import { signHeaders, signingKey } from "@notebook-image/client/signing";
import { dereference, specDocument } from "@notebook-image/spec/reader";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_NAMESPACE, DEV_NOTEBOOK_ID, DEV_PROJECT_ID } from "../src/domain/seed.js";
import { DEV_CREDENTIALS } from "../src/server.js";
import { startTestServer } from "./support/start-test-server.js";

const OTHER_PROJECT = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d";
const TTL_MS = 60_000;
let now = Date.UTC(2026, 11, 7, 8, 30);
const clock = { now: () => now };
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer({
    inMemory: true,
    clock,
    iamTokenTtlMs: TTL_MS,
    transitions: { mode: "manual" },
  });
});
afterAll(() => server?.close());

const passwordBody = (password: string = DEV_CREDENTIALS.iamPassword, project = DEV_PROJECT_ID) => ({
  auth: {
    identity: { methods: ["password"], password: { user: { name: DEV_CREDENTIALS.iamUser, password } } },
    scope: { project: { id: project } },
  },
});

async function tokens(body: unknown, headers: Headers = new Headers({ "content-type": "application/json" })) {
  const response = await fetch(`${server.url}/v3/auth/tokens`, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const showNotebook = (token: string) =>
  createNotebookImageClient({
    baseUrl: server.url,
    projectId: DEV_PROJECT_ID,
    auth: { token: () => token },
    retry: false,
  }).getNotebook(DEV_NOTEBOOK_ID);

describe("POST /v3/auth/tokens", () => {
  it("gives a token for the project in X-Subject-Token, with expires_at, that the API accepts until then", async () => {
    const issued = await tokens(passwordBody());
    expect(issued.status).toBe(201);
    const token = issued.headers.get("x-subject-token") as string;
    expect(token).toMatch(/^MII/);
    expect(issued.body.token).toMatchObject({
      issued_at: new Date(now).toISOString(),
      expires_at: new Date(now + TTL_MS).toISOString(),
      methods: ["password"],
      project: { id: DEV_PROJECT_ID },
      user: { name: DEV_CREDENTIALS.iamUser },
    });
    expect(JSON.stringify(issued.body)).not.toContain(token);
    expect((await showNotebook(token)).id).toBe(DEV_NOTEBOOK_ID);
    now += TTL_MS;
    const expired = await showNotebook(token).catch((error: unknown) => error);
    expect(expired).toBeInstanceOf(ModelArtsApiError);
    expect(expired).toMatchObject({ status: 401, errorCode: "APIGW.0307" });
  });

  it("takes a request signed with an access key (hw_ak_sk)", async () => {
    const body = {
      auth: { identity: { methods: ["hw_ak_sk"] }, scope: { project: { id: DEV_PROJECT_ID } } },
    };
    const headers = new Headers({ "content-type": "application/json" });
    const text = JSON.stringify(body);
    await signHeaders(
      await signingKey(DEV_CREDENTIALS.secretKey),
      DEV_CREDENTIALS.accessKey,
      { method: "POST", url: `${server.url}/v3/auth/tokens`, headers, body: new TextEncoder().encode(text) },
      new Date(now),
    );
    const issued = await tokens(body, headers);
    expect(issued.status).toBe(201);
    expect(issued.body.token).toMatchObject({
      methods: ["hw_ak_sk"],
      user: { name: DEV_CREDENTIALS.accessKey },
    });
    const unsigned = await tokens(body);
    expect(unsigned).toMatchObject({ status: 401, body: { error_code: "APIGW.0301" } });
  });

  it("refuses a wrong password (401), a project not allowed (403) and a malformed body (400), saying why", async () => {
    expect(await tokens(passwordBody("wrong"))).toMatchObject({
      status: 401,
      body: { error_code: "APIGW.0301" },
    });
    expect(await tokens(passwordBody(undefined, OTHER_PROJECT))).toMatchObject({
      status: 403,
      body: { error_code: "IAM.0003" },
    });
    const malformed = await tokens({ auth: { identity: { methods: ["token"] } } });
    expect(malformed).toMatchObject({ status: 400, body: { error_code: "IAM.0001" } });
    expect(malformed.body.error_msg).toMatch(/methods|scope/);
  });

  it("refuses with the code of the IAM document's example for each status, one its x-error-codes lists", async () => {
    const iam = specDocument("iam-openapi");
    const responses = iam.operation("KeystoneCreateUserToken").definition.responses;
    /** The error_code of the document's (only) example of the operation's answer with this status. */
    const documentedCode = (status: number): string => {
      const response = dereference(iam.raw, responses[status]);
      const examples = Object.values(response.content["application/json"].examples) as {
        value: { error_code: string };
      }[];
      expect(examples, `examples of ${status}`).toHaveLength(1);
      return String(examples[0]?.value.error_code);
    };
    const refused = [
      await tokens({ auth: { identity: { methods: ["token"] } } }),
      await tokens(passwordBody("wrong")),
      await tokens(passwordBody(undefined, OTHER_PROJECT)),
    ];
    expect(refused.map(({ status }) => status)).toEqual([400, 401, 403]);
    for (const { status, body } of refused) {
      expect(body.error_code, `${status}`).toBe(documentedCode(status));
      expect(iam.raw["x-error-codes"].codes[body.error_code].statuses[0], body.error_code).toBe(status);
    }
  });

  it("a saved image is reachable with the token through the client's token-as-a-function option", async () => {
    const token = (await tokens(passwordBody())).headers.get("x-subject-token") as string;
    const client = createNotebookImageClient({
      baseUrl: server.url,
      projectId: DEV_PROJECT_ID,
      auth: { token: () => token },
    });
    const page = await client.listImagesPage({ type: "DEDICATED", namespace: DEV_NAMESPACE });
    expect(page).toMatchObject({ current: 1, total: 0 });
  });
});
