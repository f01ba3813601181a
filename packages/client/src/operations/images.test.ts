// listImages (paging), findImage, deleteImage, getImage and getNotebook over an injected fetch.
import { describe, expect, it } from "vitest";
import { fakeFetch, IMAGE, json, type Step } from "../../test/fake-fetch.js";
import { listImagesQueryParameters } from "../../test/spec.js";
import { createNotebookImageClient } from "../client.js";
import { RequestValidationError, UnexpectedResponseError } from "../errors.js";
import { LIST_IMAGES_DEFAULT_LIMIT } from "../generated/spec-facts.js";

function setup(...steps: Step[]) {
  const { fetch, sent } = fakeFetch(...steps);
  const client = createNotebookImageClient({ projectId: "p", auth: { token: "t" }, fetch, retry: false });
  const queries = () => sent.map((r) => Object.fromEntries(new URL(r.url).searchParams));
  return { client, sent, queries };
}
const images = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({
    ...IMAGE,
    id: `4e0d1854-63e5-4517-b683-${String(from + i).padStart(12, "0")}`,
    tag: `t${from + i}`,
  }));
const page = (data: unknown[], total: number) =>
  json(200, { current: 0, pages: 1, size: data.length, total, data });

describe("listImages", () => {
  it("pages with limit and offset until a short page, yielding every image once", async () => {
    const { client, queries } = setup(page(images(2), 5), page(images(2, 2), 5), page(images(1, 4), 5));
    const seen = [];
    for await (const image of client.listImages({ type: "DEDICATED", limit: 2 })) seen.push(image.tag);
    expect(seen).toEqual(["t0", "t1", "t2", "t3", "t4"]);
    expect(queries()).toEqual([
      { type: "DEDICATED", limit: "2", offset: "0" },
      { type: "DEDICATED", limit: "2", offset: "2" },
      { type: "DEDICATED", limit: "2", offset: "4" },
    ]);
  });

  it("asks for the spec's default page size when none is given, and stops at an empty page", async () => {
    const { client, queries } = setup(page([], 0));
    const pages = [];
    for await (const p of client.listImages().pages()) pages.push(p);
    expect(pages).toHaveLength(1);
    expect(queries()).toEqual([{ limit: String(LIST_IMAGES_DEFAULT_LIMIT), offset: "0" }]);
  });

  it("stops at total even when a server pads its pages", async () => {
    const { client, sent } = setup(page(images(2), 2), page(images(2, 2), 2));
    const seen = [];
    for await (const image of client.listImages({ limit: 2 })) seen.push(image);
    expect(seen).toHaveLength(2);
    expect(sent).toHaveLength(1);
  });

  it("checks the query against the spec before sending: names, integer bounds, booleans, enums", async () => {
    const { client, sent } = setup(page([], 0));
    const query = {
      limit: 0,
      offset: 1.5,
      name_fuzzy_match: "no",
      type: "dedicated",
      sort_dir: "UP",
      nmae: "x",
    };
    const error = await client.listImagesPage(query as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    const issues = (error as RequestValidationError).issues;
    expect(issues.map((i) => `${i.path}:${i.rule}`).sort()).toEqual(
      [
        "query.limit:minimum",
        "query.offset:type",
        "query.name_fuzzy_match:type",
        "query.type:enum",
        "query.sort_dir:enum",
        "query.nmae:additionalProperties",
      ].sort(),
    );
    expect(issues.find((i) => i.path === "query.type")?.message).toContain("did you mean DEDICATED?");
    expect(issues.find((i) => i.path === "query.nmae")?.message).toContain("did you mean name?");
    expect(sent).toHaveLength(0);
    // The iterable checks on its first step.
    await expect(
      client
        .listImages(query as never)
        [Symbol.asyncIterator]()
        .next(),
    ).rejects.toBeInstanceOf(RequestValidationError);
  });

  it("knows every query parameter of the spec, and no other", async () => {
    const { client } = setup(page([], 0));
    const known = Object.fromEntries(
      listImagesQueryParameters.map((p: { name: string; example: unknown }) => [p.name, p.example]),
    );
    await expect(client.listImagesPage(known)).resolves.toMatchObject({ data: [] });
  });

  it("refuses a page whose images lack their required fields", async () => {
    const { client } = setup(page([{ id: IMAGE.id }], 1));
    await expect(client.listImagesPage()).rejects.toMatchObject({
      name: "UnexpectedResponseError",
      message: expect.stringContaining("data[0]"),
    });
  });
});

describe("findImage", () => {
  it("lists the DEDICATED images of the namespace with exactly that name, and picks the tag", async () => {
    const { client, queries } = setup(page(images(3), 3));
    await expect(
      client.findImage({ name: IMAGE.name, namespace: IMAGE.namespace, tag: "t1" }),
    ).resolves.toMatchObject({ tag: "t1" });
    expect(queries()[0]).toMatchObject({
      type: "DEDICATED",
      name: IMAGE.name,
      namespace: IMAGE.namespace,
      name_fuzzy_match: "false",
    });
  });

  it("gives undefined when no image has the tag", async () => {
    const { client } = setup(page(images(2), 2));
    await expect(
      client.findImage({ name: IMAGE.name, namespace: IMAGE.namespace, tag: "nope" }),
    ).resolves.toBeUndefined();
  });

  it("holds the criteria to create-image's rules", async () => {
    const { client, sent } = setup(page([], 0));
    const error = await client.findImage({ name: "Bad Name", namespace: "" }).catch((e: unknown) => e);
    expect((error as RequestValidationError).issues.map((i) => i.path).sort()).toEqual(["name", "namespace"]);
    expect(sent).toHaveLength(0);
  });
});

describe("deleteImage", () => {
  it("sends force as the query parameter, and resolves with the DELETED image", async () => {
    const { client, sent, queries } = setup(json(200, { ...IMAGE, status: "DELETED" }));
    await expect(client.deleteImage(IMAGE.id, { force: true })).resolves.toMatchObject({ status: "DELETED" });
    expect(sent[0]?.method).toBe("DELETE");
    expect(queries()[0]).toEqual({ force: "true" });
    expect(sent[0]?.body).toBe("");
  });

  it("resolves with undefined on a 204, and sends no force unless asked", async () => {
    const { client, queries } = setup(new Response(null, { status: 204 }));
    await expect(client.deleteImage(IMAGE.id)).resolves.toBeUndefined();
    expect(queries()[0]).toEqual({});
  });

  it("checks the id and force before sending", async () => {
    const { client, sent } = setup(json(200, IMAGE));
    const error = await client.deleteImage("x", { force: "yes" as never }).catch((e: unknown) => e);
    expect((error as RequestValidationError).issues.map((i) => i.path)).toEqual(["imageId", "options.force"]);
    expect(sent).toHaveLength(0);
  });
});

describe("getImage and getNotebook", () => {
  it("get by id, on the spec's paths", async () => {
    const notebook = { id: "6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b", name: "nb", status: "RUNNING" };
    const { client, sent } = setup(json(200, IMAGE), json(200, notebook));
    await expect(client.getImage(IMAGE.id)).resolves.toEqual(IMAGE);
    await expect(client.getNotebook(notebook.id)).resolves.toEqual(notebook);
    expect(sent.map((r) => new URL(r.url).pathname)).toEqual([
      `/v1/p/images/${IMAGE.id}`,
      `/v1/p/notebooks/${notebook.id}`,
    ]);
  });

  it("refuse a notebook answer without its required fields", async () => {
    const { client } = setup(json(200, { name: "nb" }));
    await expect(client.getNotebook("6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b")).rejects.toBeInstanceOf(
      UnexpectedResponseError,
    );
  });
});
