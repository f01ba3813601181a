// Every response status and every named example of the spec can be chosen with Prefer over real
// HTTP, and what Prism sends is valid under the spec (no sl-violations, body valid).
import { describe, expect, inject, it } from "vitest";
import {
  createImagePath,
  exampleValue,
  jsonBody,
  responseBodyErrors,
  responses,
  tokenHeaders,
  validRequestBody,
} from "./support/contract.js";

const url = `${inject("mockUrl")}${createImagePath()}`;

function send(prefer?: string): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: prefer ? { ...tokenHeaders, prefer } : tokenHeaders,
    body: JSON.stringify(validRequestBody),
  });
}

const statuses = Object.keys(responses);
const namedExamples = statuses.flatMap((status) =>
  Object.keys(jsonBody(status)?.examples ?? {}).map((name) => [status, name] as const),
);

describe("the operation's responses", () => {
  it("include every status the reference page lists", () => {
    expect(statuses.sort()).toStrictEqual(["200", "201", "400", "401", "403", "404", "429", "500"]);
  });

  it("answer a valid request without Prefer with 200 and the first 200 example", async () => {
    const response = await send();
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(responseBodyErrors("200", body)).toBeNull();
    const media = jsonBody("200");
    expect(body).toStrictEqual(
      exampleValue(media ?? { schema: { $ref: "" } }, Object.keys(media?.examples ?? {})[0] ?? ""),
    );
  });
});

describe.each(statuses)("Prefer: code=%s", (status) => {
  it("answers with that status, every declared header, a valid body (or none), no sl-violations", async () => {
    const response = await send(`code=${status}`);
    const text = await response.text();
    expect(response.status).toBe(Number(status));
    expect(response.headers.get("sl-violations")).toBeNull();
    for (const header of Object.keys(responses[status]?.headers ?? {})) {
      expect(response.headers.get(header), header).toBeTruthy();
    }
    if (jsonBody(status)) {
      expect(response.headers.get("content-type")).toMatch(/^application\/json\b/);
      expect(responseBodyErrors(status, JSON.parse(text))).toBeNull();
    } else {
      expect(text).toBe("");
    }
  });
});

describe.each(namedExamples)("Prefer: code=%s, example=%s", (status, name) => {
  it("answers with exactly that example, valid under the spec", async () => {
    const response = await send(`code=${status}, example=${name}`);
    const body = await response.json();
    expect(response.status).toBe(Number(status));
    expect(response.headers.get("sl-violations")).toBeNull();
    const media = jsonBody(status);
    expect(media).toBeDefined();
    if (media) expect(body).toStrictEqual(exampleValue(media, name));
    expect(responseBodyErrors(status, body)).toBeNull();
  });
});

describe("Prefer values the spec does not have", () => {
  it("a status the spec does not declare gets Prism's own 404 problem, not a 200", async () => {
    const response = await send("code=418");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect((await response.json()).detail).toMatch(/418/);
  });

  it("an example name alone is looked up in the 200 response only", async () => {
    const response = await send("example=TokenInvalid");
    expect(response.status).toBe(404);
    expect((await response.json()).detail).toMatch(/TokenInvalid/);
  });
});
