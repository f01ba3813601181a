// A save walking INIT → CREATING → ACTIVE (or CREATE_FAILED) in each transitions mode, followed
// through ShowImage and ShowNotebook over Prism's validating proxy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_NAMESPACE } from "../src/domain/seed.js";
import type { Engine } from "../src/engine/engine.js";
import { createSimulatedEngine } from "../src/engine/simulated/simulated-engine.js";
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

describe("an immediate save", () => {
  it("is committed once, while create-image is still being checked, and refused saves leave no snapshot", async () => {
    const simulated = createSimulatedEngine();
    const events: string[] = [];
    const engine: Engine = {
      ...simulated,
      async commit(input, ctx) {
        events.push(`commit ${ctx.jobId}`);
        return simulated.commit(input, ctx);
      },
      async remove(input) {
        if (input.localRef) events.push(`remove ${input.localRef}`);
        return simulated.remove(input);
      },
    };
    const own = await startHarness({ engine, transitions: { mode: "immediate" }, worker: { pollMs: 50 } });
    try {
      const notebook = await own.newNotebook();
      const body = { name: "early", namespace: DEV_NAMESPACE };
      const path = pathOf("createImage", { project_id: DEV_PROJECT_ID, id: notebook });
      const accepted = await own.direct(methodOf("createImage"), path, { body });
      events.push("answered");
      expect(accepted.status).toBe(200);
      const shown = async () =>
        (
          await own.direct(
            methodOf("ShowImage"),
            pathOf("ShowImage", { project_id: DEV_PROJECT_ID, id: accepted.body.id }),
          )
        ).body;
      await until(shown, (image) => image.status === "ACTIVE");
      const [committed, answered] = [
        events.findIndex((e) => e.startsWith("commit")),
        events.indexOf("answered"),
      ];
      expect(committed).toBeGreaterThanOrEqual(0);
      expect(committed).toBeLessThan(answered);
      expect(events.filter((e) => e.startsWith("commit"))).toHaveLength(1);

      // The same name and tag again, from another notebook: refused (2884) after its commit began.
      events.length = 0;
      const other = await own.newNotebook();
      const refused = await own.direct(
        methodOf("createImage"),
        pathOf("createImage", { project_id: DEV_PROJECT_ID, id: other }),
        { body },
      );
      expect(refused.body.error_code).toBe("ModelArts.2884");
      // Refused once that snapshot is gone.
      const [early] = events;
      expect(early).toMatch(/^commit /);
      expect(events).toContain(`remove simulated/${other}:${early?.slice("commit ".length)}`);
    } finally {
      await own.close();
    }
  });
});
