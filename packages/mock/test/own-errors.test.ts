// The answers Prism used to make up in its own shapes (issue 21): a path that is not valid
// percent-encoding (its 500 "URI malformed"), JSON nested 100,000 deep (a stack overflow in its
// logger, answered by micri's {"error":{...}}), a route the spec does not have (its 404 problem).
// Each is now in the API's shape, {error_code, error_msg} with an X-Request-Id, and Prism serves on.
// Fixed by patches/@stoplight__prism-http-server@5.12.2.patch (item 3); every request has a hard
// client-side time limit.
import { describe, expect, inject, it } from "vitest";
import {
  createImagePath,
  firstExampleValue,
  responseBodyErrors,
  tokenHeaders,
  type Violation,
  validRequestBody,
} from "./support/contract.js";
import { type RawResponse, rawRequest } from "./support/raw-http.js";

// The package's Prism mock with errors: true, shared by the files of the run (test/global-setup.ts).
const prismUrl = inject("prismUrl");

/** An answer in the API's error shape: the spec's ModelArtsError schema, and a request id. */
function expectApiError(response: RawResponse, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers["content-type"]).toMatch(/^application\/json/);
  expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);
  const body = JSON.parse(response.body);
  expect(body).toMatchObject({ error_code: code, error_msg: expect.any(String) });
  // The same schema as every error body of the spec (the 400 of CreateImage uses it).
  expect(responseBodyErrors("400", body)).toBeNull();
  return body as { error_code: string; error_msg: string };
}

/** Prism still answers a valid request the way it did: one bad request must not take it down. */
async function expectStillServing() {
  const after = await rawRequest(prismUrl, {
    path: createImagePath(),
    headers: tokenHeaders,
    body: JSON.stringify(validRequestBody),
  });
  expect(after.status).toBe(200);
}

describe("a path that is not valid percent-encoding", () => {
  it.each([
    ["a cut multi-byte escape", "/images/%E0%A4%A"],
    ["a lone %", "/images/%"],
    ["% followed by no hex digits", "/images/%zz"],
  ])("%s: the API's 400, not Prism's 500 'URI malformed'", async (_kind, tail) => {
    const path = createImagePath().replace(/\/notebooks\/.*$/, tail);
    const response = await rawRequest(prismUrl, { method: "GET", path, headers: tokenHeaders });
    const body = expectApiError(response, 400, "ModelArts.0101");
    expect(body.error_msg).toContain("not valid percent-encoding");
    await expectStillServing();
  });
});

describe("JSON nested 100,000 deep", () => {
  it.each([
    ["arrays in a field", `{"name":${"[".repeat(100_000)}${"]".repeat(100_000)}}`],
    ["objects", `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`],
  ])("%s: the spec's 400, sl-violations naming the depth, and Prism serves on", async (_kind, body) => {
    const response = await rawRequest(prismUrl, { path: createImagePath(), headers: tokenHeaders, body });
    expectApiError(response, 400, "ModelArts.0101");
    expect(JSON.parse(response.body)).toStrictEqual(firstExampleValue("400"));
    const violations = JSON.parse(response.headers["sl-violations"] ?? "[]") as Violation[];
    expect(violations.map((v) => [v.location, v.message])).toStrictEqual([
      [["request", "body"], "Request body nests arrays and objects deeper than 1000 levels"],
    ]);
    await expectStillServing();
  });

  it("brackets inside strings do not count as nesting", async () => {
    const body = JSON.stringify({ ...validRequestBody, description: `${"[{".repeat(600)}"\\` });
    const response = await rawRequest(prismUrl, { path: createImagePath(), headers: tokenHeaders, body });
    // Refused for its length (512 at most), which only a body read to the end can tell.
    const violations = JSON.parse(response.headers["sl-violations"] ?? "[]") as Violation[];
    expect(violations.map((v) => v.location.join("."))).toStrictEqual(["request.body.description"]);
  });
});

describe("a route the spec does not have", () => {
  it("gets the gateway's 404 in the API's shape, naming the method and path", async () => {
    const response = await rawRequest(prismUrl, {
      method: "GET",
      path: "/v1/nothing",
      headers: tokenHeaders,
    });
    const body = expectApiError(response, 404, "APIGW.0101");
    expect(body.error_msg).toContain("GET /v1/nothing");
  });
});
