// The loop of issue 26 on the simulated engine, through the public API only (over Prism's validating
// proxy, so every answer is checked against the spec): a notebook created from a built-in image
// runs, is saved, and its image creates a second notebook; both are stopped, started and deleted,
// and the image after them; nothing is left. Then the refusals of the notebook operations.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEV_NAMESPACE } from "../src/domain/seed.js";
import { DEV_PROJECT_ID, type Harness, methodOf, pathOf, startHarness, until } from "./support/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ worker: { pollMs: 50 } });
});
afterAll(() => h?.close());
beforeEach(async () => {
  expect((await h.control("PUT", "/transitions", { mode: "immediate" })).status).toBe(200);
});

type Notebook = { id: string; status: string; image: { id: string; type: string } };
const project = { project_id: DEV_PROJECT_ID };
const call = (operationId: string, params: Record<string, string>, init?: Parameters<Harness["api"]>[2]) =>
  h.api(methodOf(operationId), pathOf(operationId, { ...project, ...params }), init);

async function ok<T>(response: Promise<{ status: number; body: unknown }>): Promise<T> {
  const answer = await response;
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as T;
}
const refusal = async (response: Promise<{ status: number; body: unknown }>) => {
  const answer = await response;
  return { status: answer.status, code: (answer.body as { error_code?: string }).error_code };
};

const createNotebook = (imageId: string, name: string) =>
  ok<Notebook>(
    call(
      "CreateNotebook",
      {},
      {
        body: {
          name,
          flavor: "modelarts.vm.cpu.2u",
          image_id: imageId,
          volume: { category: "EVS", ownership: "MANAGED" },
        },
      },
    ),
  );
const showNotebook = (id: string) => ok<Notebook>(call("ShowNotebook", { id }));
const statusOf = async (id: string) => (await showNotebook(id)).status;
const untilStatus = (id: string, status: string) =>
  until(
    () => statusOf(id),
    (s) => s === status,
  );
const listNotebooks = () =>
  ok<{ data: Notebook[]; total: number }>(call("ListNotebooks", {}, { query: { limit: "50" } }));

describe("the notebook loop", () => {
  it("create from a built-in image, save, create from the saved image, stop, start, delete: nothing left", async () => {
    const builtIn = await ok<{ data: { id: string; type: string; status: string }[] }>(call("ListImage", {}));
    expect(builtIn.data.length).toBeGreaterThan(0);
    expect(builtIn.data.every((image) => image.type === "BUILD_IN" && image.status === "ACTIVE")).toBe(true);
    const before = (await listNotebooks()).total;

    const first = await createNotebook(builtIn.data[0]?.id as string, "loop-first");
    expect(first.status).toBe("CREATING");
    expect(first.image).toMatchObject({ id: builtIn.data[0]?.id, type: "BUILD_IN" });
    await untilStatus(first.id, "RUNNING");

    const image = await ok<{ id: string }>(
      call("createImage", { id: first.id }, { body: { name: "loop-image", namespace: DEV_NAMESPACE } }),
    );
    await until(
      () => ok<{ status: string }>(call("ShowImage", { id: image.id })),
      (shown) => shown.status === "ACTIVE",
    );
    expect((await showNotebook(first.id)).image.id).toBe(image.id);

    const second = await createNotebook(image.id, "loop-second");
    expect(second.image).toMatchObject({ id: image.id, type: "DEDICATED" });
    await untilStatus(second.id, "RUNNING");

    for (const notebook of [first, second]) {
      expect((await ok<Notebook>(call("StopNotebook", { id: notebook.id }))).status).toBe("STOPPING");
      await untilStatus(notebook.id, "STOPPED");
      expect((await ok<Notebook>(call("StartNotebook", { id: notebook.id }))).status).toBe("STARTING");
      await untilStatus(notebook.id, "RUNNING");
    }
    expect((await listNotebooks()).total).toBe(before + 2);

    for (const notebook of [first, second]) {
      expect((await ok<Notebook>(call("DeleteNotebook", { id: notebook.id }))).status).toBe("DELETING");
      await until(
        () => refusal(call("ShowNotebook", { id: notebook.id })),
        (answer) => answer.code === "ModelArts.6309",
      );
    }
    expect((await ok<{ status: string }>(call("DeleteImage", { id: image.id }))).status).toBe("DELETED");
    const left = await listNotebooks();
    expect(left.total).toBe(before);
    expect(left.data.map((notebook) => notebook.id)).not.toContain(first.id);
    expect(await refusal(call("ShowImage", { id: image.id }))).toEqual({
      status: 400,
      code: "ModelArts.6404",
    });
  });
});

describe("the notebook operations' refusals", () => {
  const builtInId = async () =>
    ((await ok<{ data: { id: string }[] }>(call("ListImage", {}))).data[0] as { id: string }).id;

  it("refuses to start a running notebook, to stop a stopped one and to save a stopped one", async () => {
    const notebook = await createNotebook(await builtInId(), "refusals");
    await untilStatus(notebook.id, "RUNNING");
    expect(await refusal(call("StartNotebook", { id: notebook.id }))).toEqual({
      status: 400,
      code: "ModelArts.6357",
    });
    await ok(call("StopNotebook", { id: notebook.id }));
    await untilStatus(notebook.id, "STOPPED");
    expect(await refusal(call("StopNotebook", { id: notebook.id }))).toEqual({
      status: 400,
      code: "ModelArts.6307",
    });
    expect(
      await refusal(
        call("createImage", { id: notebook.id }, { body: { name: "stopped", namespace: DEV_NAMESPACE } }),
      ),
    ).toEqual({ status: 400, code: "ModelArts.6307" });
    await ok(call("DeleteNotebook", { id: notebook.id }));
  });

  it("refuses to delete a notebook being saved (6357), and an unknown one (6309)", async () => {
    expect((await h.control("PUT", "/transitions", { mode: "manual" })).status).toBe(200);
    const notebook = await createNotebook(await builtInId(), "saved-while-deleted");
    expect(await statusOf(notebook.id)).toBe("CREATING"); // manual: held until set by hand
    expect(await refusal(call("DeleteNotebook", { id: notebook.id }))).toEqual({
      status: 400,
      code: "ModelArts.6357",
    });
    expect((await h.control("PUT", `/notebooks/${notebook.id}/status`, { status: "RUNNING" })).status).toBe(
      200,
    );
    const image = await ok<{ id: string }>(
      call("createImage", { id: notebook.id }, { body: { name: "held", namespace: DEV_NAMESPACE } }),
    );
    expect((await h.control("POST", `/images/${image.id}/advance`)).status).toBe(200);
    expect(await statusOf(notebook.id)).toBe("SNAPSHOTTING");
    expect(await refusal(call("DeleteNotebook", { id: notebook.id }))).toEqual({
      status: 400,
      code: "ModelArts.6357",
    });
    // An image being saved cannot create a notebook yet.
    expect(
      await refusal(
        call(
          "CreateNotebook",
          {},
          {
            body: {
              name: "too-early",
              flavor: "modelarts.vm.cpu.2u",
              image_id: image.id,
              volume: { category: "EVS", ownership: "MANAGED" },
            },
          },
        ),
      ),
    ).toEqual({ status: 400, code: "ModelArts.6336" });
    expect(await refusal(call("DeleteNotebook", { id: "00000000-0000-4000-8000-000000000000" }))).toEqual({
      status: 400,
      code: "ModelArts.6309",
    });
  });

  it("lists, shows and protects the built-in images", async () => {
    const id = await builtInId();
    expect(await ok<{ type: string; show_name?: string }>(call("ShowImage", { id }))).toMatchObject({
      type: "BUILD_IN",
      show_name: expect.any(String),
    });
    expect(await refusal(call("DeleteImage", { id }))).toEqual({ status: 403, code: "ModelArts.0108" });
    const unknown = "00000000-0000-4000-8000-000000000001";
    expect(
      await refusal(
        call(
          "CreateNotebook",
          {},
          {
            body: {
              name: "nothing",
              flavor: "modelarts.vm.cpu.2u",
              image_id: unknown,
              volume: { category: "EVS", ownership: "MANAGED" },
            },
          },
        ),
      ),
    ).toEqual({ status: 400, code: "ModelArts.6404" });
  });
});
