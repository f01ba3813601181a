// Request bodies that Prism 5.14 could not take (it hung, answered in micri's own error shape, or
// died): each gets a prompt 400 with the spec's ModelArts error body and a violation of `body`
// saying why, and Prism keeps serving. Fixed by patches/@stoplight__prism-http*.patch; every
// request here has a hard client-side time limit, so a regression fails instead of hanging.
import { describe, expect, inject, it } from "vitest";
import {
  createImagePath,
  firstExampleValue,
  responseBodyErrors,
  tokenHeaders,
  type Violation,
  validRequestBody,
} from "./support/contract.js";
import { type RawRequest, rawRequest } from "./support/raw-http.js";

// The package's Prism mock with errors: true, shared by the files of the run (test/global-setup.ts).
const prismUrl = inject("prismUrl");

const send = (request: Omit<RawRequest, "path" | "headers"> & { headers?: Record<string, string> }) =>
  rawRequest(prismUrl, {
    ...request,
    path: createImagePath(),
    headers: { ...tokenHeaders, ...request.headers },
  });

function violationsOf(headers: Record<string, string>): Violation[] {
  const header = headers["sl-violations"];
  if (!header) throw new Error("no sl-violations header");
  // The patch keeps the header ASCII: what the client sent comes back \u-escaped, parsed here.
  expect(header).toMatch(/^[\x20-\x7e]*$/);
  return JSON.parse(header) as Violation[];
}

/** Asserts the answer Prism gives any invalid request: the spec's first 400 example. */
function expectSpecRefusal(response: { status: number; body: string }) {
  expect(response.status).toBe(400);
  const body = JSON.parse(response.body);
  expect(body).toStrictEqual(firstExampleValue("400"));
  expect(responseBodyErrors("400", body)).toBeNull();
}

const validJson = JSON.stringify(validRequestBody);

describe.each([
  { kind: "malformed JSON", body: '{"name": ', mentions: /not valid JSON/ },
  { kind: "JSON without quotes on its keys", body: "{name: 1}", mentions: /not valid JSON/ },
  {
    kind: "a JSON document cut short",
    body: validJson.slice(0, validJson.length - 5),
    mentions: /not valid JSON/,
  },
  { kind: "whitespace only", body: " \r\n ", mentions: /not valid JSON/ },
  {
    kind: "bytes that are not UTF-8",
    body: Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]),
    mentions: /not valid UTF-8/,
  },
  { kind: "a UTF-16 body", body: Buffer.from(validJson, "utf16le"), mentions: /not valid (UTF-8|JSON)/ },
])("a body that cannot be decoded: $kind", ({ body, mentions }) => {
  it("gets the spec's 400 at once, sl-violations saying why at request.body", async () => {
    const response = await send({ body });
    expectSpecRefusal(response);
    const [violation, ...others] = violationsOf(response.headers);
    expect(others).toStrictEqual([]);
    expect(violation?.location).toStrictEqual(["request", "body"]);
    expect(violation?.message).toMatch(mentions);
  });
});

describe("an empty body with a JSON content type", () => {
  it.each([
    ["Content-Length: 0", { contentLength: 0 }],
    [
      "chunked, no chunk",
      { contentLength: null, headers: { "transfer-encoding": "chunked" }, body: "0\r\n\r\n" },
    ],
  ] as const)("%s: the spec's 400, 'Body parameter is required'", async (_kind, request) => {
    const response = await send(request);
    expectSpecRefusal(response);
    expect(violationsOf(response.headers).map((violation) => violation.message)).toStrictEqual([
      "Body parameter is required",
    ]);
  });
});

describe("a body shorter than its Content-Length", () => {
  const cut = validJson.slice(0, 20);

  it("with the connection kept open: the spec's 400 once the body stops coming, then the connection closes", async () => {
    const response = await send({ body: cut, contentLength: validJson.length });
    expectSpecRefusal(response);
    expect(response.headers.connection).toBe("close");
    const [violation] = violationsOf(response.headers);
    expect(violation?.location).toStrictEqual(["request", "body"]);
    expect(violation?.message).toMatch(
      new RegExp(`shorter than its Content-Length: ${cut.length} of ${validJson.length} bytes`),
    );
  });

  it("with the client's side closed: a prompt 400 (Node's own, the socket is half gone)", async () => {
    const response = await send({ body: cut, contentLength: validJson.length, halfClose: true });
    expect(response.status).toBe(400);
  });
});

describe("an unknown field whose name Node refuses in a header (stoplightio/prism#1934)", () => {
  it.each([
    ["CJK", "名前"],
    ["beyond the BMP", "image😀"],
    ["just past Latin-1", "\u0100"],
    ["DEL", "a\u007fb"],
    ["U+2028", "line\u2028separator"],
    ["Latin-1, always fine", "clé"],
    ["a lone surrogate", "\ud800"],
  ])("%s: the spec's 400 naming the field exactly, and Prism lives on", async (_kind, field) => {
    const response = await send({ body: JSON.stringify({ ...validRequestBody, [field]: 1 }) });
    expectSpecRefusal(response);
    const messages = violationsOf(response.headers).map((violation) => violation.message);
    // The field name the client sent, character for character (JSON.stringify sends a lone
    // surrogate as an escape, and the header brings it back as one).
    expect(messages).toContainEqual(expect.stringContaining(`found '${field}'`));

    const after = await send({ body: validJson });
    expect(after.status).toBe(200);
  });
});
