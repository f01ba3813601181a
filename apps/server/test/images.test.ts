// ShowImage, ListImage (filters, paging, sort) and DeleteImage through Prism's validating proxy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEV_PROJECT_ID,
  type Harness,
  methodOf,
  pathOf,
  spec,
  startHarness,
  until,
} from "./support/harness.js";

/** ListImage's query parameters as the spec declares them (defaults included). */
const listParameters = spec.operation("ListImage").parameters;
const defaultOf = (name: string) => listParameters.find((p) => p.name === name)?.schema.default;

const OTHER_PROJECT = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    transitions: { mode: "immediate" },
    worker: { pollMs: 50 },
    projectIds: [DEV_PROJECT_ID, OTHER_PROJECT],
  });
});
afterAll(() => h?.close());

let counter = 0;
async function organization(): Promise<string> {
  const name = `org-${++counter}`;
  expect((await h.control("POST", "/namespaces", { name })).status).toBe(201);
  return name;
}

async function saved(namespace: string, name: string, tag = "v1") {
  const notebook = await h.newNotebook();
  const response = await h.api(
    methodOf("createImage"),
    pathOf("createImage", { project_id: DEV_PROJECT_ID, id: notebook }),
    {
      body: { name, namespace, tag },
    },
  );
  expect(response.status).toBe(200);
  await until(
    () => show(response.body.id),
    (r) => r.body.status === "ACTIVE",
  );
  return response.body as { id: string; name: string; update_at: number };
}

const show = (id: string) =>
  h.api(methodOf("ShowImage"), pathOf("ShowImage", { project_id: DEV_PROJECT_ID, id }));
const list = (query: Record<string, string>) =>
  h.api(methodOf("ListImage"), pathOf("ListImage", { project_id: DEV_PROJECT_ID }), { query });
const remove = (id: string, init: { query?: Record<string, string>; body?: unknown } = {}) =>
  h.api(methodOf("DeleteImage"), pathOf("DeleteImage", { project_id: DEV_PROJECT_ID, id }), init);

describe("ShowImage", () => {
  it("an image that does not exist is 400 ModelArts.6404", async () => {
    const response = await show("4e0d1854-63e5-4517-b683-a0ee97a692a1");
    expect(response.status).toBe(400);
    expect(response.body.error_code).toBe("ModelArts.6404");
  });

  it("an image of another project of the same credential is not found there", async () => {
    const image = await saved(await organization(), "mine");
    const other = await h.api(
      methodOf("ShowImage"),
      pathOf("ShowImage", { project_id: OTHER_PROJECT, id: image.id }),
    );
    expect(other.status).toBe(400);
    expect(other.body.error_code).toBe("ModelArts.6404");
    expect((await show(image.id)).status).toBe(200);
  });
});

describe("ListImage", () => {
  it("saved images are DEDICATED: the spec's default type lists none of them, type=DEDICATED lists them", async () => {
    const namespace = await organization();
    await saved(namespace, "listed");
    const byDefault = await list({ namespace });
    expect(byDefault.status).toBe(200);
    expect(defaultOf("type")).not.toBe("DEDICATED");
    expect(byDefault.body.total).toBe(0);
    const dedicated = await list({ namespace, type: "DEDICATED" });
    expect(dedicated.body.data.map((i: { name: string }) => i.name)).toEqual(["listed"]);
  });

  it("pages with limit and offset, counting current, pages, size and total", async () => {
    const namespace = await organization();
    for (const name of ["p-a", "p-b", "p-c", "p-d", "p-e"]) await saved(namespace, name);
    const pages = [];
    for (let offset = 0; offset < 6; offset += 2) {
      pages.push((await list({ namespace, type: "DEDICATED", limit: "2", offset: String(offset) })).body);
    }
    expect(pages.map((p) => p.size)).toEqual([2, 2, 1]);
    expect(pages.map((p) => p.current)).toEqual([1, 2, 3]);
    for (const page of pages) expect(page).toMatchObject({ total: 5, pages: 3 });
    const names = pages.flatMap((p) => p.data.map((i: { name: string }) => i.name));
    expect(new Set(names).size).toBe(5);
  });

  it("sorts by updateTime, DESC by default (the spec's default), ASC when asked", async () => {
    const namespace = await organization();
    for (const name of ["s-1", "s-2", "s-3"]) await saved(namespace, name);
    const names = (body: { data: { name: string }[] }) => body.data.map((i) => i.name);
    expect(defaultOf("sort_dir")).toBe("DESC");
    expect(names((await list({ namespace, type: "DEDICATED", sort_key: "updateTime" })).body)).toEqual([
      "s-3",
      "s-2",
      "s-1",
    ]);
    expect(
      names((await list({ namespace, type: "DEDICATED", sort_key: "updateTime", sort_dir: "ASC" })).body),
    ).toEqual(["s-1", "s-2", "s-3"]);
  });

  it("show_name and show_tag (display names, which only built-in images have) match no saved image", async () => {
    const namespace = await organization();
    const image = await saved(namespace, "shown", "v1");
    expect((await list({ namespace, type: "DEDICATED" })).body.total).toBe(1);
    for (const query of [{ show_name: "shown" }, { show_tag: "v1" }]) {
      const page = await list({ namespace, type: "DEDICATED", ...query });
      expect(page.status).toBe(200);
      expect(page.body).toEqual({ current: 1, data: [], pages: 0, size: 0, total: 0 });
    }
    const shown = (await show(image.id)).body;
    expect(shown).not.toHaveProperty("show_name");
    expect(shown).toMatchObject({ support_res_categories: ["CPU"], resource_categories: ["CPU"], tags: [] });
  });

  it("matches name as a substring unless name_fuzzy_match=false", async () => {
    const namespace = await organization();
    await saved(namespace, "pytorch-base");
    await saved(namespace, "pytorch");
    const fuzzy = await list({ namespace, type: "DEDICATED", name: "pytorch" });
    expect(fuzzy.body.total).toBe(2);
    const exact = await list({ namespace, type: "DEDICATED", name: "pytorch", name_fuzzy_match: "false" });
    expect(exact.body.data.map((i: { name: string }) => i.name)).toEqual(["pytorch"]);
  });

  it("refuses a page size the spec forbids and a sort key it cannot sort by, naming the parameter", async () => {
    const zero = await list({ limit: "0" });
    expect(zero.status).toBe(400);
    expect(zero.body.error_code).toBe("ModelArts.6336");
    expect(zero.body.error_msg).toContain("limit");
    const notANumber = await list({ offset: "first" });
    expect(notANumber.body.error_msg).toContain("offset");
    const key = await list({ sort_key: "colour" });
    expect(key.status).toBe(400);
    expect(key.body.error_msg).toContain("sort_key");
  });
});

describe("DeleteImage", () => {
  it("answers the image in DELETED; afterwards it is not found, and its name and tag are free again", async () => {
    const namespace = await organization();
    const image = await saved(namespace, "gone");
    const response = await remove(image.id);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: image.id, status: "DELETED" });
    expect((await show(image.id)).body.error_code).toBe("ModelArts.6404");
    expect((await remove(image.id)).body.error_code).toBe("ModelArts.6404");
    await saved(namespace, "gone");
  });

  it("takes the force flag as a query parameter or as the SDK's is_force body", async () => {
    const namespace = await organization();
    const first = await saved(namespace, "forced-query");
    expect((await remove(first.id, { query: { force: "true" } })).status).toBe(200);
    const second = await saved(namespace, "forced-body");
    expect((await remove(second.id, { body: { is_force: true } })).status).toBe(200);
    const badBody = await remove((await saved(namespace, "forced-bad")).id, { body: { is_forced: true } });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error_msg).toContain("is_forced");
  });

  it("refuses to delete an image whose save is still running", async () => {
    await h.control("PUT", "/transitions", { mode: "manual" });
    try {
      const notebook = await h.newNotebook();
      const created = await h.api(
        methodOf("createImage"),
        pathOf("createImage", { project_id: DEV_PROJECT_ID, id: notebook }),
        {
          body: { name: "busy", namespace: await organization() },
        },
      );
      const response = await remove(created.body.id);
      expect(response.status).toBe(400);
      expect(response.body.error_code).toBe("ModelArts.6357");
    } finally {
      await h.control("PUT", "/transitions", { mode: "immediate" });
    }
  });
});

describe("ShowNotebook", () => {
  it("answers the platform fields Huawei's SDK reads (lease, pool, user, run_user, tags, jupyter_version…), never a token", async () => {
    const id = await h.newNotebook();
    const notebook = await h.api(
      methodOf("ShowNotebook"),
      pathOf("ShowNotebook", { project_id: DEV_PROJECT_ID, id }),
    );
    expect(notebook.status).toBe(200);
    const body = notebook.body;
    expect(body).toMatchObject({
      feature: "NOTEBOOK",
      lease: { create_at: body.create_at, enable: false, type: "TIMING" },
      pool: { id: expect.any(String), name: expect.any(String) },
      user: { id: body.user_id, name: expect.any(String), domain: { id: expect.any(String) } },
      run_user: { uid: 1000, user_name: "ma-user" },
      jupyter_version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      tags: [],
      is_need_credentials: true,
    });
    expect(body).not.toHaveProperty("token");
  });
});
