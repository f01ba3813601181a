// For every operation of the spec: every response status and every named example can be chosen
// with Prefer over real HTTP, and what Prism sends is valid under the spec (no sl-violations, body
// valid, every declared header there).
import { describe, expect, inject, it } from "vitest";
import {
  bodyErrorsOf,
  call,
  exampleOf,
  jsonBodyOf,
  type SpecOperation,
  specOperations,
} from "./support/operations.js";

const url = inject("mockUrl");

const byName = (operation: SpecOperation) => operation.operationId;
const statusesOf = (operation: SpecOperation) => Object.keys(operation.responses);
const statusCases = specOperations.flatMap((operation) =>
  statusesOf(operation).map((status) => ({ id: byName(operation), status, operation })),
);
const exampleCases = statusCases.flatMap(({ id, status, operation }) =>
  Object.keys(jsonBodyOf(operation, status)?.examples ?? {}).map((name) => ({ id, status, name, operation })),
);

describe.each(specOperations.map((operation) => ({ id: byName(operation), operation })))(
  "$id without Prefer",
  ({ operation }) => {
    it("answers a valid call with 200 and the first 200 example, valid under the spec", async () => {
      const response = await call(url, operation);
      const body = await response.json();
      expect(response.status).toBe(200);
      expect(response.headers.get("sl-violations")).toBeNull();
      expect(bodyErrorsOf(operation, "200", body)).toBeNull();
      const first = Object.keys(jsonBodyOf(operation, "200")?.examples ?? {})[0] ?? "";
      expect(body).toStrictEqual(exampleOf(operation, "200", first));
    });
  },
);

describe.each(statusCases)("$id, Prefer: code=$status", ({ operation, status }) => {
  it("answers with that status, every declared header, a valid body (or none), no sl-violations", async () => {
    const response = await call(url, operation, `code=${status}`);
    const text = await response.text();
    expect(response.status).toBe(Number(status));
    expect(response.headers.get("sl-violations")).toBeNull();
    for (const header of Object.keys(operation.responses[status]?.headers ?? {})) {
      expect(response.headers.get(header), header).toBeTruthy();
    }
    if (jsonBodyOf(operation, status)) {
      expect(response.headers.get("content-type")).toMatch(/^application\/json\b/);
      expect(bodyErrorsOf(operation, status, JSON.parse(text))).toBeNull();
    } else {
      expect(text).toBe("");
    }
  });
});

describe.each(exampleCases)("$id, Prefer: code=$status, example=$name", ({ operation, status, name }) => {
  it("answers with exactly that example, valid under the spec", async () => {
    const response = await call(url, operation, `code=${status}, example=${name}`);
    const body = await response.json();
    expect(response.status).toBe(Number(status));
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(body).toStrictEqual(exampleOf(operation, status, name));
    expect(bodyErrorsOf(operation, status, body)).toBeNull();
  });
});

describe("Prefer values the spec does not have", () => {
  // The operation that takes a body (create-image), and one of its examples outside its 200.
  const createImage = specOperations.find((operation) => operation.method === "POST");
  const errorExample = exampleCases.find(
    ({ operation, status }) => operation === createImage && status !== "200",
  );
  if (!createImage || !errorExample) throw new Error("the spec has no POST operation with an error example");

  it("a status the spec does not declare gets Prism's own 404 problem, not a 200", async () => {
    const response = await call(url, createImage, "code=418");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect((await response.json()).detail).toMatch(/418/);
  });

  it("an example name alone is looked up in the 200 response only", async () => {
    const response = await call(url, createImage, `example=${errorExample.name}`);
    expect(response.status).toBe(404);
    expect((await response.json()).detail).toContain(errorExample.name);
  });
});
