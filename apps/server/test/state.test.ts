// The state document of the control API: GET /_control/state exports the server's world, POST
// /_control/state and startServer's seedState (the bin's --seed FILE) load one, refusing whole a
// document that does not fit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../src/index.js";
import { DEV_PROJECT_ID, type Harness, methodOf, pathOf, startHarness, until } from "./support/harness.js";

describe("GET and POST /_control/state", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ transitions: { mode: "immediate" } });
  });
  afterAll(() => h?.close());

  /** A notebook with one ACTIVE image saved from it, in an organization of its own. */
  async function world() {
    await h.control("POST", "/reset");
    await h.control("PUT", "/transitions", { mode: "immediate" });
    await h.control("POST", "/namespaces", { name: "state-ns" });
    const notebook = await h.newNotebook();
    const created = await h.api(
      methodOf("createImage"),
      pathOf("createImage", { project_id: DEV_PROJECT_ID, id: notebook }),
      { body: { name: "state-image", namespace: "state-ns", tag: "v1" } },
    );
    const show = pathOf("ShowImage", { project_id: DEV_PROJECT_ID, id: created.body.id });
    await until(
      () => h.api(methodOf("ShowImage"), show),
      (response) => response.body.status === "ACTIVE",
    );
    return { notebook, image: created.body.id as string, show };
  }

  it("exports the world as one versioned document, and loading it back gives the same world", async () => {
    const { notebook, image, show } = await world();
    const exported = await h.control("GET", "/state");
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({
      version: 1,
      settings: { transitions: { mode: "immediate" } },
      namespaces: expect.arrayContaining(["state-ns"]),
      notebooks: expect.arrayContaining([expect.objectContaining({ id: notebook, status: "RUNNING" })]),
      images: [expect.objectContaining({ id: image, notebookId: notebook, status: "ACTIVE" })],
    });
    await h.control("POST", "/reset");
    expect((await h.api(methodOf("ShowImage"), show, {})).status).not.toBe(200);

    const loaded = await h.control("POST", "/state", exported.body);
    expect(loaded.status).toBe(200);
    expect(loaded.body).toEqual(exported.body);
    expect((await h.control("GET", "/state")).body).toEqual(exported.body);
    expect((await h.api(methodOf("ShowImage"), show)).body).toMatchObject({ id: image, status: "ACTIVE" });
  });

  it("fills what a hand-written document leaves out, as a new notebook and a saved image have it", async () => {
    const notebook = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    const loaded = await h.control("POST", "/state", {
      version: 1,
      settings: { transitions: { mode: "manual" }, faults: { failNextSaves: 0, statusMessage: "" } },
      namespaces: ["hand"],
      notebooks: [{ id: notebook, projectId: DEV_PROJECT_ID }],
      images: [
        {
          id: "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e",
          projectId: DEV_PROJECT_ID,
          name: "written",
          tag: "v1",
          namespace: "hand",
          status: "CREATE_FAILED",
          swrPath: "swr.example/hand/written:v1",
        },
      ],
    });
    expect(loaded.status).toBe(200);
    expect(loaded.body.notebooks[0]).toMatchObject({
      id: notebook,
      status: "RUNNING",
      image: { type: "BUILD_IN" },
    });
    expect(loaded.body.images[0]).toMatchObject({
      type: "DEDICATED",
      origin: "IMAGE_SAVE",
      notebookId: null,
    });
    const show = await h.api(
      methodOf("ShowNotebook"),
      pathOf("ShowNotebook", { project_id: DEV_PROJECT_ID, id: notebook }),
    );
    expect(show.body.status).toBe("RUNNING");
  });

  it("refuses whole a document that does not fit, naming what, and changes nothing", async () => {
    await world();
    const before = (await h.control("GET", "/state")).body;
    const refusals: [object, string][] = [
      [{ ...before, version: 2 }, "version: must be 1"],
      [{ ...before, extra: true }, "extra: unknown property"],
      [
        { ...before, notebooks: [...before.notebooks, before.notebooks[0]] },
        `notebooks[${before.notebooks.length}]: the id`,
      ],
      [
        { ...before, images: [{ ...before.images[0], namespace: "nowhere" }] },
        "images[0].namespace: nowhere is not one of the document's namespaces",
      ],
      [
        { ...before, images: [{ ...before.images[0], status: "INIT" }] },
        "images[0].status: must be one of ACTIVE, CREATE_FAILED",
      ],
      [
        {
          ...before,
          images: [before.images[0], { ...before.images[0], id: "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f" }],
        },
        "images[1]: state-ns/state-image:v1 is images[0]'s already",
      ],
    ];
    for (const [document, message] of refusals) {
      const response = await h.control("POST", "/state", document);
      expect(response.status, message).toBe(400);
      expect(response.body.error_msg).toContain(message);
    }
    expect((await h.control("GET", "/state")).body).toEqual(before);
  });

  it("refuses to export while a save is in flight, naming its image", async () => {
    await h.control("POST", "/reset");
    await h.control("PUT", "/transitions", { mode: "manual" });
    const notebook = await h.newNotebook();
    const created = await h.api(
      methodOf("createImage"),
      pathOf("createImage", { project_id: DEV_PROJECT_ID, id: notebook }),
      { body: { name: "in-flight", namespace: "atelier-auto" } },
    );
    const response = await h.control("GET", "/state");
    expect(response.status).toBe(409);
    expect(response.body.error_msg).toContain(created.body.id);
  });
});

describe("startServer({ seedState }) (the bin's --seed FILE)", () => {
  const notebook = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
  const state = {
    version: 1,
    settings: { transitions: { mode: "immediate" }, faults: { failNextSaves: 0, statusMessage: "" } },
    namespaces: ["seeded"],
    notebooks: [{ id: notebook, projectId: DEV_PROJECT_ID, name: "seeded-notebook" }],
    images: [],
  };

  it("starts from the document's world, and nothing else", async () => {
    const server = await startServer({ seedState: state });
    try {
      const exported = await fetch(`${server.url}/_control/state`, { signal: AbortSignal.timeout(10_000) });
      expect(await exported.json()).toMatchObject({
        namespaces: ["seeded"],
        notebooks: [{ id: notebook, name: "seeded-notebook" }],
      });
    } finally {
      await server.close();
    }
  });

  it("refuses to start on a document that does not fit, naming the field", async () => {
    await expect(startServer({ seedState: { ...state, version: 7 } })).rejects.toThrow(
      "The seed state does not fit: Invalid parameter: version: must be 1.",
    );
  });
});
