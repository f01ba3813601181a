// Each kind of invalid request gets a 4xx with the spec's ModelArts error body, never a 200, and
// Prism names the broken rule in sl-violations. These pin what Prism 5.14 really does (README.md).
import { describe, expect, inject, it } from "vitest";
import {
  createImagePath,
  exampleValue,
  jsonBody,
  responseBodyErrors,
  tokenHeaders,
  validRequestBody,
  violations,
} from "./support/contract.js";

const base = inject("mockUrl");

type Case = {
  kind: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  status: number;
  /** Where Prism locates the violation, and what its message mentions. */
  location: string[];
  mentions: RegExp;
};

const json = (body: unknown) => JSON.stringify(body);
const akSkWithoutDate = {
  "content-type": "application/json",
  authorization: "SDK-HMAC-SHA256 Access=CONTRACTTESTAK, SignedHeaders=host;x-sdk-date, Signature=00",
};

const cases: Case[] = [
  {
    kind: "no credentials",
    headers: { "content-type": "application/json" },
    status: 401,
    location: ["request"],
    mentions: /security/i,
  },
  {
    kind: "AK/SK Authorization without X-Sdk-Date",
    headers: akSkWithoutDate,
    status: 401,
    location: ["request"],
    mentions: /security/i,
  },
  {
    kind: "a bad name (starts with '-', uppercase)",
    body: json({ ...validRequestBody, name: "-Pytorch" }),
    status: 400,
    location: ["request", "body", "name"],
    mentions: /pattern/,
  },
  {
    kind: "a name too long",
    body: json({ ...validRequestBody, name: "a".repeat(129) }),
    status: 400,
    location: ["request", "body", "name"],
    mentions: /128/,
  },
  {
    kind: "wrong types (a number for name)",
    body: json({ ...validRequestBody, name: 14 }),
    status: 400,
    location: ["request", "body", "name"],
    mentions: /must be string/,
  },
  {
    kind: "an unknown field (worksapce_id)",
    body: json({ ...validRequestBody, worksapce_id: "0" }),
    status: 400,
    location: ["request", "body"],
    mentions: /worksapce_id/,
  },
  {
    kind: "a missing required field (namespace)",
    body: json({ name: "pytorch1_4" }),
    status: 400,
    location: ["request", "body"],
    mentions: /namespace/,
  },
  {
    kind: "no body",
    body: "",
    status: 400,
    location: ["request"],
    mentions: /required/i,
  },
  {
    kind: "an array as the body",
    body: "[]",
    status: 400,
    location: ["request", "body"],
    mentions: /object/,
  },
  {
    kind: "a non-UUID instance id",
    path: createImagePath({ instanceId: "notebook-x21d" }),
    status: 400,
    location: ["request", "path", "id"],
    mentions: /uuid|pattern/,
  },
  {
    kind: "a project id with a forbidden character",
    path: createImagePath({ projectId: "project_1" }),
    status: 400,
    location: ["request", "path", "project_id"],
    mentions: /pattern/,
  },
  {
    kind: "a wrong content type (text/plain)",
    headers: { ...tokenHeaders, "content-type": "text/plain" },
    status: 400,
    location: ["request"],
    mentions: /application\/json/,
  },
];

async function send(request: Pick<Case, "path" | "headers" | "body">, prefer?: string) {
  const headers = { ...(request.headers ?? tokenHeaders), ...(prefer ? { prefer } : {}) };
  return fetch(`${base}${request.path ?? createImagePath()}`, {
    method: "POST",
    headers,
    body: request.body ?? json(validRequestBody),
  });
}

describe.each(cases)("$kind", (request) => {
  it(`gets ${request.status} with the spec's error body, and sl-violations names the rule`, async () => {
    const response = await send(request);
    const body = await response.json();
    expect(response.status).toBe(request.status);
    expect(response.headers.get("content-type")).toMatch(/^application\/json\b/);
    expect(responseBodyErrors(String(request.status), body)).toBeNull();
    // The body is the first named example of that status in the spec, whatever the mistake.
    const media = jsonBody(String(request.status));
    const first = Object.keys(media?.examples ?? {})[0] ?? "";
    expect(media && exampleValue(media, first)).toStrictEqual(body);

    const found = violations(response);
    expect(found.length).toBeGreaterThan(0);
    // Only the request is at fault: the mocked response itself never violates the spec.
    expect(found.every((violation) => violation.location[0] === "request")).toBe(true);
    expect(found).toContainEqual(
      expect.objectContaining({
        location: request.location,
        message: expect.stringMatching(request.mentions),
      }),
    );
  });

  it("is still refused when the caller asks for a 200", async () => {
    const response = await send(request, "code=200");
    await response.arrayBuffer();
    expect(response.status).toBe(request.status);
  });
});

describe("choosing the error of an invalid request", () => {
  it("Prefer: code=400, example=… picks which 400 example an invalid body gets", async () => {
    const response = await send(
      { body: json({ ...validRequestBody, name: "" }) },
      "code=400, example=InstanceNotRunning",
    );
    const media = jsonBody("400");
    expect(response.status).toBe(400);
    expect(media).toBeDefined();
    if (media) expect(await response.json()).toStrictEqual(exampleValue(media, "InstanceNotRunning"));
  });

  it("Prefer: code=401, example=… picks which 401 example a request without credentials gets", async () => {
    const response = await send(
      { headers: { "content-type": "application/json" } },
      "code=401, example=GatewayAuthFailed",
    );
    const media = jsonBody("401");
    expect(response.status).toBe(401);
    if (media) expect(await response.json()).toStrictEqual(exampleValue(media, "GatewayAuthFailed"));
  });
});

describe("what the mock does not check", () => {
  it("accepts any token, and an AK/SK Authorization with X-Sdk-Date without verifying the signature", async () => {
    const response = await send({ headers: { ...akSkWithoutDate, "x-sdk-date": "20221223T083000Z" } });
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
  });
});
