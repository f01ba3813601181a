// The loop of issue 26 on the simulated engine, through the public API only: the client, over
// Prism's validating proxy, so every answer is checked against the spec. A notebook created from a
// built-in image runs, is saved, and its image creates a second notebook; both are stopped, started
// and deleted, and the image after them; nothing is left. Then the refusals of the notebook
// operations, over plain HTTP (through the same proxy).
import {
  createNotebook,
  createNotebookImageClient,
  deleteNotebook,
  listImages,
  listNotebooks,
  NotebookFailedError,
  saveInstanceAsImageAndWait,
  startNotebook,
  stopNotebook,
  waitForNotebook,
} from "@notebook-image/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEV_NAMESPACE } from "../src/domain/seed.js";
import { DEV_CREDENTIALS, DEV_PROJECT_ID, type Harness, ok, startHarness, until } from "./support/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ worker: { pollMs: 50 } });
});
afterAll(() => h?.close());
beforeEach(async () => {
  expect((await h.control("PUT", "/transitions", { mode: "immediate" })).status).toBe(200);
});

type Notebook = { id: string; status: string; image: { id: string; type: string } };

const refusal = async (response: Promise<{ status: number; body: unknown }>) => {
  const answer = await response;
  return { status: answer.status, code: (answer.body as { error_code?: string }).error_code };
};

const createOverHttp = (imageId: string, name: string) =>
  ok<Notebook>(
    h.callOperation(
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
const showNotebook = (id: string) => ok<Notebook>(h.callOperation("ShowNotebook", { id }));
const statusOf = async (id: string) => (await showNotebook(id)).status;
const untilStatus = (id: string, status: string) =>
  until(
    () => statusOf(id),
    (s) => s === status,
  );
const listOverHttp = (query: Record<string, string>) =>
  ok<{ data: Notebook[]; total: number }>(
    h.callOperation("ListNotebooks", {}, { query: { limit: "50", ...query } }),
  );

describe("the notebook loop, through the client", () => {
  it("create from a built-in image, save, create from the saved image, stop, start, delete: nothing left", async () => {
    // Steps a few tens of ms apart: the waits see the notebooks move, and the test stays fast.
    await h.control("PUT", "/transitions", { mode: "time", creatingAfterMs: 40, activeAfterMs: 80 });
    const client = createNotebookImageClient({
      baseUrl: h.proxy.url,
      projectId: DEV_PROJECT_ID,
      auth: { token: DEV_CREDENTIALS.token },
    });
    const wait = { pollIntervalMs: 10, timeoutMs: 20_000 };
    const volume = { category: "EVS", ownership: "MANAGED" } as const;
    const before = await countOf(listNotebooks(client));

    const builtIn = [];
    for await (const image of listImages(client, { type: "BUILD_IN" })) builtIn.push(image);
    const base = builtIn[0];
    if (!base) throw new Error("no built-in image listed");
    const first = await createNotebook(client, {
      name: "loop-first",
      flavor: "modelarts.vm.cpu.2u",
      image_id: base.id,
      volume,
    });
    expect(first).toMatchObject({ status: "CREATING", image: { id: base.id, type: "BUILD_IN" } });
    const seen: string[] = [];
    const running = await waitForNotebook(client, first.id, {
      ...wait,
      until: "RUNNING",
      onProgress: (notebook) => seen.push(notebook?.status ?? "gone"),
    });
    expect(running?.status).toBe("RUNNING");
    // Whatever polls caught, the statuses came in the lifecycle's order.
    const order = ["CREATING", "STARTING", "RUNNING"];
    expect(seen.map((status) => order.indexOf(status))).toEqual(
      [...seen.map((status) => order.indexOf(status))].sort(),
    );
    expect(seen.at(-1)).toBe("RUNNING");

    const image = await saveInstanceAsImageAndWait(
      client,
      first.id,
      { name: "loop-image", namespace: DEV_NAMESPACE },
      { wait },
    );
    expect((await client.getNotebook(first.id)).image?.id).toBe(image.id);

    const second = await createNotebook(client, {
      name: "loop-second",
      flavor: "modelarts.vm.cpu.2u",
      image_id: image.id,
      volume,
    });
    expect(second.image).toMatchObject({ id: image.id, type: "DEDICATED" });
    await waitForNotebook(client, second.id, { ...wait, until: "RUNNING" });

    for (const notebook of [first, second]) {
      expect((await stopNotebook(client, notebook.id)).status).toBe("STOPPING");
      expect((await waitForNotebook(client, notebook.id, { ...wait, until: "STOPPED" }))?.status).toBe(
        "STOPPED",
      );
      expect((await startNotebook(client, notebook.id)).status).toBe("STARTING");
      await waitForNotebook(client, notebook.id, { ...wait, until: "RUNNING" });
    }
    expect(await countOf(listNotebooks(client))).toBe(before + 2);

    for (const notebook of [first, second]) {
      expect((await deleteNotebook(client, notebook.id)).status).toBe("DELETING");
      expect(await waitForNotebook(client, notebook.id, { ...wait, until: "DELETED" })).toBeUndefined();
    }
    expect((await client.deleteImage(image.id))?.status).toBe("DELETED");
    expect(await countOf(listNotebooks(client))).toBe(before);
    await expect(client.getImage(image.id)).rejects.toMatchObject({ errorCode: "ModelArts.6404" });
    await expect(client.getNotebook(first.id)).rejects.toMatchObject({ errorCode: "ModelArts.6309" });
  });

  it("waitForNotebook fails with the instance's status, and names a bad target", async () => {
    const client = createNotebookImageClient({
      baseUrl: h.proxy.url,
      projectId: DEV_PROJECT_ID,
      auth: { token: DEV_CREDENTIALS.token },
    });
    const notebook = await h.newNotebook();
    expect((await h.control("PUT", `/notebooks/${notebook}/status`, { status: "START_FAILED" })).status).toBe(
      200,
    );
    await expect(
      waitForNotebook(client, notebook, { until: "RUNNING", pollIntervalMs: 10, timeoutMs: 5_000 }),
    ).rejects.toBeInstanceOf(NotebookFailedError);
    await expect(
      waitForNotebook(client, notebook, { until: "GONE" as "DELETED", pollIntervalMs: 10 }),
    ).rejects.toThrow(/options\.until/);
  });
});

async function countOf(items: AsyncIterable<unknown>): Promise<number> {
  let count = 0;
  for await (const _ of items) count++;
  return count;
}

describe("the notebook operations' refusals", () => {
  const builtInId = async () =>
    ((await ok<{ data: { id: string }[] }>(h.callOperation("ListImage", {}))).data[0] as { id: string }).id;

  it("refuses to start a running notebook, to stop a stopped one and to save a stopped one", async () => {
    const notebook = await createOverHttp(await builtInId(), "refusals");
    await untilStatus(notebook.id, "RUNNING");
    expect(await refusal(h.callOperation("StartNotebook", { id: notebook.id }))).toEqual({
      status: 400,
      code: "ModelArts.6357",
    });
    await ok(h.callOperation("StopNotebook", { id: notebook.id }));
    await untilStatus(notebook.id, "STOPPED");
    // ListNotebooks' filters: the stopped notebook by its status and name, not among the running ones.
    const ids = async (query: Record<string, string>) => (await listOverHttp(query)).data.map((n) => n.id);
    expect(await ids({ status: "STOPPED", name: "refusals" })).toContain(notebook.id);
    expect(await ids({ status: "RUNNING" })).not.toContain(notebook.id);
    expect(await refusal(h.callOperation("StopNotebook", { id: notebook.id }))).toEqual({
      status: 400,
      code: "ModelArts.6307",
    });
    expect(
      await refusal(
        h.callOperation(
          "createImage",
          { id: notebook.id },
          { body: { name: "stopped", namespace: DEV_NAMESPACE } },
        ),
      ),
    ).toEqual({ status: 400, code: "ModelArts.6307" });
    await ok(h.callOperation("DeleteNotebook", { id: notebook.id }));
  });

  it("refuses to delete a notebook being saved (6357), and an unknown one (6309)", async () => {
    expect((await h.control("PUT", "/transitions", { mode: "manual" })).status).toBe(200);
    const notebook = await createOverHttp(await builtInId(), "saved-while-deleted");
    expect(await statusOf(notebook.id)).toBe("CREATING"); // manual: held until set by hand
    expect(await refusal(h.callOperation("DeleteNotebook", { id: notebook.id }))).toEqual({
      status: 400,
      code: "ModelArts.6357",
    });
    expect((await h.control("PUT", `/notebooks/${notebook.id}/status`, { status: "RUNNING" })).status).toBe(
      200,
    );
    const image = await ok<{ id: string }>(
      h.callOperation(
        "createImage",
        { id: notebook.id },
        { body: { name: "held", namespace: DEV_NAMESPACE } },
      ),
    );
    expect((await h.control("POST", `/images/${image.id}/advance`)).status).toBe(200);
    expect(await statusOf(notebook.id)).toBe("SNAPSHOTTING");
    expect(await refusal(h.callOperation("DeleteNotebook", { id: notebook.id }))).toEqual({
      status: 400,
      code: "ModelArts.6357",
    });
    // An image being saved cannot create a notebook yet.
    expect(
      await refusal(
        h.callOperation(
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
    expect(
      await refusal(h.callOperation("DeleteNotebook", { id: "00000000-0000-4000-8000-000000000000" })),
    ).toEqual({
      status: 400,
      code: "ModelArts.6309",
    });
  });

  it("lists, shows and protects the built-in images", async () => {
    const id = await builtInId();
    expect(
      await ok<{ type: string; show_name?: string }>(h.callOperation("ShowImage", { id })),
    ).toMatchObject({
      type: "BUILD_IN",
      show_name: expect.any(String),
    });
    expect(await refusal(h.callOperation("DeleteImage", { id }))).toEqual({
      status: 403,
      code: "ModelArts.0108",
    });
    const unknown = "00000000-0000-4000-8000-000000000001";
    expect(
      await refusal(
        h.callOperation(
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
