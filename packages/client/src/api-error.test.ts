// Error responses → ModelArtsApiError, whatever the body looks like.
import { describe, expect, it } from "vitest";
import { fakeFetch, json } from "../test/fake-fetch.js";
import { EXAMPLE_INSTANCE_ID, EXAMPLE_PROJECT_ID } from "../test/spec.js";
import { createNotebookImageClient } from "./client.js";
import { ModelArtsApiError, NotebookImageError, UnexpectedResponseError } from "./errors.js";

async function failWith(response: Response) {
  const { fetch } = fakeFetch(response);
  const client = createNotebookImageClient({
    projectId: EXAMPLE_PROJECT_ID,
    auth: { token: "t" },
    fetch,
    retry: false,
  });
  return client
    .saveInstanceAsImage(EXAMPLE_INSTANCE_ID, { name: "a", namespace: "b" })
    .catch((e: unknown) => e);
}

describe("ModelArtsApiError", () => {
  it("reads a ModelArts error body and the X-Request-Id header", async () => {
    const error = await failWith(
      json(
        403,
        { error_code: "ModelArts.0108", error_msg: "You are not authorized." },
        { "X-Request-Id": "req-1" },
      ),
    );
    expect(error).toBeInstanceOf(ModelArtsApiError);
    expect(error).toBeInstanceOf(NotebookImageError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: "ModelArtsApiError",
      message: "403 ModelArts.0108: You are not authorized.",
      status: 403,
      errorCode: "ModelArts.0108",
      errorMsg: "You are not authorized.",
      requestId: "req-1",
      body: { error_code: "ModelArts.0108", error_msg: "You are not authorized." },
    });
  });

  it("reads an API gateway body, taking the request id from it when the header is missing", async () => {
    const body = {
      error_code: "APIGW.0301",
      error_msg: "Incorrect IAM authentication information",
      request_id: "gw-9",
    };
    const error = await failWith(json(401, body));
    expect(error).toMatchObject({ status: 401, errorCode: "APIGW.0301", requestId: "gw-9", body });
    expect((error as Error).message).toBe("401 APIGW.0301: Incorrect IAM authentication information");
  });

  it("reads an IAM-style nested error body", async () => {
    const error = await failWith(
      json(401, { error: { code: "401", message: "The request you have made requires authentication." } }),
    );
    expect(error).toMatchObject({
      errorCode: "401",
      errorMsg: "The request you have made requires authentication.",
    });
  });

  it("copes with an empty body", async () => {
    const error = await failWith(new Response(null, { status: 502, statusText: "Bad Gateway" }));
    expect(error).toMatchObject({ status: 502, errorCode: undefined, errorMsg: undefined, body: undefined });
    expect((error as Error).message).toBe("502 Bad Gateway (empty response body)");
  });

  it("copes with a non-JSON body, keeping the text and a short message", async () => {
    const html = `<html><body>${"x".repeat(500)}</body></html>`;
    const error = await failWith(
      new Response(html, {
        status: 504,
        statusText: "Gateway Timeout",
        headers: { "content-type": "text/html" },
      }),
    );
    expect(error).toMatchObject({ status: 504, errorCode: undefined, body: html });
    expect((error as Error).message.startsWith("504 Gateway Timeout: <html><body>xxx")).toBe(true);
    expect((error as Error).message.length).toBeLessThan(260);
  });

  it("copes with JSON that is not an error object", async () => {
    const error = await failWith(json(500, ["unexpected"]));
    expect(error).toMatchObject({ status: 500, errorCode: undefined, body: ["unexpected"] });
    expect((error as Error).message).toContain('["unexpected"]');
  });

  it("has a toJSON with every field", async () => {
    const error = (await failWith(
      json(429, { error_code: "ModelArts.6101", error_msg: "busy" }, { "Retry-After": "3" }),
    )) as ModelArtsApiError;
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "ModelArtsApiError",
      message: "429 ModelArts.6101: busy",
      status: 429,
      errorCode: "ModelArts.6101",
      errorMsg: "busy",
      retryAfterMs: 3000,
      body: { error_code: "ModelArts.6101", error_msg: "busy" },
    });
  });
});

describe("a success without the image", () => {
  it.each([
    ["201 with no body", new Response(null, { status: 201, headers: { "X-Request-Id": "r" } })],
    ["200 with an empty body", new Response("", { status: 200 })],
    ["200 with a JSON array", json(200, [])],
    [
      "200 with malformed JSON",
      new Response('{"id": "4e0d", "status": ', {
        status: 200,
        headers: { "content-type": "application/json" },
      }),
    ],
  ])("%s is an UnexpectedResponseError that warns the save may have started", async (_what, response) => {
    const error = await failWith(response);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as Error).message).toContain("the save may have started");
    expect(error).toMatchObject({ status: response.status });
  });
});
