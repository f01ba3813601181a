// A save walking INIT → CREATING → ACTIVE (or CREATE_FAILED) in each transitions mode, followed
// through ShowImage and ShowNotebook over Prism's validating proxy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAVING_MESSAGE } from "../src/domain/save-phases.js";
import { DEV_NAMESPACE } from "../src/domain/seed.js";
import type { Engine } from "../src/engine/engine.js";
import { createSimulatedEngine } from "../src/engine/simulated/simulated-engine.js";
import {
  DEV_PROJECT_ID,
  type DirectHarness,
  type Harness,
  methodOf,
  pathOf,
  startDirectHarness,
  startHarness,
  until,
} from "./support/harness.js";

// The server's clock, which the `time` mode test moves forward instead of waiting on the wall clock:
// the worker's sweep (every 50 ms) claims what the moved clock has made due.
let skewMs = 0;
const clock = { now: () => Date.now() + skewMs };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clock, worker: { pollMs: 50 } });
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
    // Delays no test would wait out: the clock is moved past each one, and nothing moves before.
    const [creatingAfterMs, activeAfterMs] = [60_000, 120_000];
    await transitions({ mode: "time", creatingAfterMs, activeAfterMs });
    const notebook = await h.newNotebook();
    const image = await save(notebook);
    expect((await showImage(image.id)).status).toBe("INIT");
    skewMs += creatingAfterMs;
    const creating = await until(
      () => showImage(image.id),
      (i) => i.status !== "INIT",
    );
    expect(creating.status).toBe("CREATING");
    expect(creating.update_at - image.update_at).toBeGreaterThanOrEqual(creatingAfterMs);
    expect((await showNotebook(notebook)).status).toBe("SNAPSHOTTING");
    expect((await showImage(image.id)).status).toBe("CREATING");
    skewMs += activeAfterMs;
    const active = await until(
      () => showImage(image.id),
      (i) => i.status !== "CREATING",
    );
    expect(active.status).toBe("ACTIVE");
    expect(active.update_at - image.update_at).toBeGreaterThanOrEqual(creatingAfterMs + activeAfterMs);
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
    // All the while CREATING, it says what a save's time goes to, as a real save's would: the
    // simulated engine's steps (which take no time) run at the finish, not "pushed; finishing" first.
    expect(await showImage(image.id)).toMatchObject({ status: "CREATING", status_message: SAVING_MESSAGE });
    expect((await showNotebook(notebook)).status).toBe("SNAPSHOTTING");
    const second = await h.control("POST", `/images/${image.id}/advance`);
    expect(second.body.status).toBe("ACTIVE");
    const active = await showImage(image.id);
    expect(active.status).toBe("ACTIVE");
    expect(active.status_message).toBeUndefined();
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
  const events: string[] = [];
  // How long a commit takes, and the registry to say whether name:tag exists (simulated: no time).
  let commitMs = 0;
  let existsMs = 0;
  let own: DirectHarness;
  beforeAll(async () => {
    const simulated = createSimulatedEngine();
    const engine: Engine = {
      ...simulated,
      async commit(input, ctx) {
        events.push(`commit ${ctx.jobId}`);
        await new Promise((resolve) => setTimeout(resolve, commitMs));
        return simulated.commit(input, ctx);
      },
      async exists(target) {
        await new Promise((resolve) => setTimeout(resolve, existsMs));
        return simulated.exists(target);
      },
      async remove(input) {
        if (input.localRef) events.push(`remove ${input.localRef}`);
        return simulated.remove(input);
      },
    };
    own = await startDirectHarness({ engine, transitions: { mode: "immediate" }, worker: { pollMs: 50 } });
  });
  afterAll(() => own?.close());
  const createImage = (notebook: string, body: object) =>
    own.direct(methodOf("createImage"), pathOf("createImage", { project_id: DEV_PROJECT_ID, id: notebook }), {
      body,
    });
  const activeImage = (id: string) =>
    until(
      async () =>
        (await own.direct(methodOf("ShowImage"), pathOf("ShowImage", { project_id: DEV_PROJECT_ID, id })))
          .body,
      (image) => image.status === "ACTIVE",
    );

  it("is committed once, and a refused save commits nothing and leaves nothing to remove", async () => {
    events.length = 0;
    [commitMs, existsMs] = [0, 0];
    const notebook = await own.newNotebook();
    const body = { name: "once", namespace: DEV_NAMESPACE };
    const accepted = await createImage(notebook, body);
    expect(accepted.status).toBe(200);
    await activeImage(accepted.body.id);
    expect(events.filter((e) => e.startsWith("commit"))).toEqual([expect.stringMatching(/^commit /)]);

    // The same name and tag again, from another notebook: refused (2884) before anything is committed.
    events.length = 0;
    const other = await own.newNotebook();
    const refused = await createImage(other, body);
    expect(refused.body.error_code).toBe("ModelArts.2884");
    expect(events).toEqual([]);
  });

  it("of a notebook this server is saving already, is refused without a commit of its own", async () => {
    events.length = 0;
    // A slow registry: both saves have begun (the first one's commit too) before either is
    // recorded; a slow commit: the first save still runs when the second is checked.
    [commitMs, existsMs] = [600, 300];
    const notebook = await own.newNotebook();
    const results = await Promise.all(
      ["one", "two"].map((tag) =>
        createImage(notebook, { name: "twice-early", namespace: DEV_NAMESPACE, tag }),
      ),
    );
    const accepted = results.filter((r) => r.status === 200);
    expect(accepted).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).map((r) => r.body.error_code)).toEqual([
      expect.stringMatching(/^ModelArts\.(2880|6357)$/),
    ]);
    await activeImage(accepted[0]?.body.id);
    expect(events.filter((e) => e.startsWith("commit"))).toHaveLength(1);
  });
});
