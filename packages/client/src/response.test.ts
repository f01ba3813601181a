// A success body that is not the image the contract promises is an UnexpectedResponseError (with
// the request id), never an Image that only looks like one. The rules come from the spec.
import { describe, expect, it } from "vitest";
import { fakeFetch, IMAGE, json } from "../test/fake-fetch.js";
import { deref, EXAMPLE_INSTANCE_ID, operation } from "../test/spec.js";
import { createNotebookImageClient } from "./client.js";
import { UnexpectedResponseError } from "./errors.js";

const imageSchema = deref(deref(operation.responses["200"]).content["application/json"].schema);
const BODY = { name: "pytorch1_4", namespace: "atelier-auto" };

async function answer(response: Response) {
  const { fetch } = fakeFetch(response);
  const client = createNotebookImageClient({ projectId: "p", auth: { token: "t" }, fetch, retry: false });
  return client.saveInstanceAsImage(EXAMPLE_INSTANCE_ID, BODY).catch((e: unknown) => e);
}

describe("success bodies", () => {
  it.each(imageSchema.required as string[])(
    "a 200 without the required %s is an UnexpectedResponseError",
    async (field) => {
      const image: Record<string, unknown> = { ...IMAGE };
      delete image[field];
      const error = await answer(json(200, image, { "X-Request-Id": "rid-7" }));
      expect(error).toBeInstanceOf(UnexpectedResponseError);
      expect(error).toMatchObject({ status: 200, requestId: "rid-7", body: image });
      expect((error as Error).message).toContain(`${field} is missing`);
      expect((error as Error).message).toContain("check (findImage) before calling again");
    },
  );

  it.each(
    Object.entries(imageSchema.properties as Record<string, { type?: string; $ref?: string }>)
      .map(([name, property]) => [name, deref(property).type] as const)
      .filter(([, type]) => typeof type === "string"),
  )("a 200 whose %s (%s) has another type is an UnexpectedResponseError", async (field, type) => {
    const wrong = type === "string" ? 12 : "text";
    const error = await answer(json(200, { ...IMAGE, [field]: wrong }));
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as Error).message).toContain(`${field} is a ${typeof wrong}, not ${type}`);
  });

  it("an integer field with a fraction is refused; unknown fields and unknown statuses are kept", async () => {
    const integer = Object.entries(imageSchema.properties as Record<string, { type?: string }>).find(
      ([, p]) => p.type === "integer",
    )?.[0] as string;
    expect(await answer(json(200, { ...IMAGE, [integer]: 1.5 }))).toMatchObject({
      message: expect.stringContaining(`${integer} is a fraction`),
    });
    const extended = { ...IMAGE, status: "SOME_NEW_STATUS", brand_new_field: { x: 1 } };
    expect(await answer(json(200, extended))).toEqual(extended);
  });

  it.each([
    ["not JSON", new Response("<html>", { status: 200 }), "the body is not JSON"],
    ["empty", new Response(null, { status: 200 }), "the body is empty"],
    ["an array", json(200, [IMAGE]), "the body is an array"],
  ])("a 200 whose body is %s is an UnexpectedResponseError", async (_what, response, text) => {
    expect(await answer(response)).toMatchObject({
      name: "UnexpectedResponseError",
      message: expect.stringContaining(text),
    });
  });

  it("a 201 whose body is an image resolves with it, like a 200", async () => {
    expect(await answer(json(201, IMAGE))).toEqual(IMAGE);
  });
});
