// A save walking INIT → CREATING → ACTIVE (or CREATE_FAILED) in each transitions mode, followed
// through ShowImage and ShowNotebook over Prism's validating proxy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_NAMESPACE } from "../src/domain/seed.js";
import { DEV_PROJECT_ID, type Harness, methodOf, pathOf, startHarness, until } from "./support/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ worker: { pollMs: 50 } });
});
afterAll(() => h?.close());

let counter = 0;
const save = async (notebookId: string) => {
  const response = await h.api(
    methodOf("createImage"),
    pathOf("createImage", { project_id: DEV_PROJECT_ID, id: notebookId }),
    { body: { name: `walk-${++counter}`, namespace: DEV_NAMESPACE } },
  );
  expect(response.status).toBe(200);
  return response.body as { id: string; status: string; update_at: number };
};
const showImage = async (id: string) => {
  const response = await h.api(
    methodOf("ShowImage"),
    pathOf("ShowImage", { project_id: DEV_PROJECT_ID, id }),
  );
  expect(response.status).toBe(200);
  return response.body as {
    id: string;
    status: string;
    status_message?: string;
    size?: number;
    update_at: number;
  };
};
const showNotebook = async (id: string) => {
  const response = await h.api(
    methodOf("ShowNotebook"),
    pathOf("ShowNotebook", { project_id: DEV_PROJECT_ID, id }),
  );
  expect(response.status).toBe(200);
  return response.body as { status: string; image: { id: string; swr_path: string }; update_at: number };
};
const transitions = async (body: unknown) =>
  expect((await h.control("PUT", "/transitions", body)).status).toBe(200);

describe("transitions", () => {
  it("immediate: the image is ACTIVE almost at once, with a size, and the notebook runs the new image", async () => {
    await transitions({ mode: "immediate" });
    const notebook = await h.newNotebook();
    const before = await showNotebook(notebook);
    const image = await save(notebook);
    const active = await until(
      () => showImage(image.id),
      (i) => i.status === "ACTIVE",
    );
    expect(active.size).toBeGreaterThan(0);
    expect(active.update_at).toBeGreaterThanOrEqual(image.update_at);
    const after = await showNotebook(notebook);
    expect(after.status).toBe("RUNNING");
    expect(after.image.id).toBe(image.id);
    expect(after.image.id).not.toBe(before.image.id);
    expect(after.update_at).toBeGreaterThanOrEqual(before.update_at);
  });

  it("time: INIT, then CREATING with the notebook SNAPSHOTTING, then ACTIVE, each after its delay", async () => {
    // Delays long enough that a loaded CI machine still sees each status between two polls.
    await transitions({ mode: "time", creatingAfterMs: 2_000, activeAfterMs: 2_000 });
    const notebook = await h.newNotebook();
    const image = await save(notebook);
    expect((await showImage(image.id)).status).toBe("INIT");
    const creating = await until(
      () => showImage(image.id),
      (i) => i.status !== "INIT",
    );
    expect(creating.status).toBe("CREATING");
    expect(creating.update_at).toBeGreaterThan(image.update_at);
    expect((await showNotebook(notebook)).status).toBe("SNAPSHOTTING");
    const active = await until(
      () => showImage(image.id),
      (i) => i.status !== "CREATING",
    );
    expect(active.status).toBe("ACTIVE");
    expect(active.update_at - image.update_at).toBeGreaterThanOrEqual(2_000 + 2_000);
    expect((await showNotebook(notebook)).status).toBe("RUNNING");
  });

  it("manual: each advance takes exactly one step, and nothing moves in between", async () => {
    await transitions({ mode: "manual" });
    const notebook = await h.newNotebook();
    const image = await save(notebook);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await showImage(image.id)).status).toBe("INIT");
    const first = await h.control("POST", `/images/${image.id}/advance`);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe("CREATING");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await showImage(image.id)).status).toBe("CREATING");
    expect((await showNotebook(notebook)).status).toBe("SNAPSHOTTING");
    const second = await h.control("POST", `/images/${image.id}/advance`);
    expect(second.body.status).toBe("ACTIVE");
    expect((await showImage(image.id)).status).toBe("ACTIVE");
    const third = await h.control("POST", `/images/${image.id}/advance`);
    expect(third.status).toBe(409);
    expect(third.body.error_msg).toContain("ACTIVE");
  });

  it("switching from manual to immediate releases the saves that were held", async () => {
    await transitions({ mode: "manual" });
    const image = await save(await h.newNotebook());
    await transitions({ mode: "immediate" });
    expect(
      (
        await until(
          () => showImage(image.id),
          (i) => i.status === "ACTIVE",
        )
      ).status,
    ).toBe("ACTIVE");
  });
});

describe("faults", () => {
  it("the next N saves end CREATE_FAILED with the given status_message; the one after succeeds", async () => {
    await transitions({ mode: "immediate" });
    const message = "push to SWR failed: disk quota exceeded";
    expect((await h.control("POST", "/faults", { failNextSaves: 2, statusMessage: message })).status).toBe(
      200,
    );
    const notebooks = [await h.newNotebook(), await h.newNotebook(), await h.newNotebook()];
    const images = [];
    for (const notebook of notebooks) images.push(await save(notebook));
    const final = [];
    for (const image of images) {
      final.push(
        await until(
          () => showImage(image.id),
          (i) => i.status === "ACTIVE" || i.status === "CREATE_FAILED",
        ),
      );
    }
    expect(final.map((i) => i.status)).toEqual(["CREATE_FAILED", "CREATE_FAILED", "ACTIVE"]);
    expect(final[0]?.status_message).toBe(message);
    // A failed save leaves the notebook RUNNING on its old image, free to be saved again.
    const notebook = await showNotebook(notebooks[0] as string);
    expect(notebook.status).toBe("RUNNING");
    expect(notebook.image.id).not.toBe(images[0]?.id);
    expect((await save(notebooks[0] as string)).status).toBe("INIT");
  });
});
