// The client's lifecycle helpers (waitForImage, findImage, listImages, deleteImage) against this
// server, where a save really walks to ACTIVE or fails: through Prism's validating proxy with a
// token, and straight to the server with AK/SK (Prism's proxy breaks signatures). They live here,
// not in packages/client, because the server depends on the client (its signing code): a client
// devDependency on the server would make the workspace graph a cycle.
import {
  createNotebookImageClient,
  ImageSaveFailedError,
  ModelArtsApiError,
  type NotebookImageClient,
  TimeoutError,
} from "@notebook-image/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_NAMESPACE } from "../src/domain/seed.js";
import { DEV_CREDENTIALS, DEV_PROJECT_ID, type Harness, startHarness } from "./support/harness.js";

let h: Harness;
let viaProxy: NotebookImageClient;
let signed: NotebookImageClient;
beforeAll(async () => {
  h = await startHarness({
    transitions: { mode: "time", creatingAfterMs: 150, activeAfterMs: 300 },
    worker: { pollMs: 25 },
  });
  viaProxy = createNotebookImageClient({
    baseUrl: h.proxy.url,
    projectId: DEV_PROJECT_ID,
    auth: { token: DEV_CREDENTIALS.token },
  });
  signed = createNotebookImageClient({
    baseUrl: h.server.url,
    projectId: DEV_PROJECT_ID,
    auth: { accessKey: DEV_CREDENTIALS.accessKey, secretKey: DEV_CREDENTIALS.secretKey },
  });
});
afterAll(() => h?.close());

const transitions = async (body: unknown) =>
  expect((await h.control("PUT", "/transitions", body)).status).toBe(200);
let counter = 0;
const request = () => ({ name: `client-${++counter}`, namespace: DEV_NAMESPACE, tag: "v1" });

describe.each([
  ["token, through the proxy", () => viaProxy],
  ["AK/SK, straight to the server", () => signed],
])("the client with %s", (_, client) => {
  it("waitForImage follows INIT → CREATING → ACTIVE; findImage and listImages see the image; deleteImage removes it", async () => {
    // Manual steps, each taken once the wait has seen the status before it: deterministic on a
    // loaded machine, where timed steps can pass between two polls.
    await transitions({ mode: "manual" });
    const body = request();
    const created = await client().saveInstanceAsImage(await h.newNotebook(), body);
    const seen: string[] = [];
    const active = await client().waitForImage(created.id, {
      pollIntervalMs: 20,
      timeoutMs: 20_000,
      onProgress: (image) => {
        seen.push(image.status);
        if (image.status !== "ACTIVE") void h.control("POST", `/images/${created.id}/advance`);
      },
    });
    expect(active.status).toBe("ACTIVE");
    expect(seen).toEqual(["INIT", "CREATING", "ACTIVE"]);

    expect((await client().findImage(body))?.id).toBe(created.id);
    const listed = [];
    for await (const image of client().listImages({
      type: "DEDICATED",
      name: body.name,
      name_fuzzy_match: false,
    })) {
      listed.push(image.id);
    }
    expect(listed).toEqual([created.id]);

    const deleted = await client().deleteImage(created.id, { force: true });
    expect(deleted?.status).toBe("DELETED");
    expect(await client().findImage(body)).toBeUndefined();
    const gone = await client()
      .waitForImage(created.id, { pollIntervalMs: 20, timeoutMs: 5_000 })
      .catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(ModelArtsApiError);
    expect((gone as ModelArtsApiError).errorCode).toBe("ModelArts.6404");
  });

  it("waitForImage rejects with ImageSaveFailedError carrying the status_message of a failed save", async () => {
    await transitions({ mode: "immediate" });
    await h.control("POST", "/faults", { failNextSaves: 1, statusMessage: "the registry refused the push" });
    const created = await client().saveInstanceAsImage(await h.newNotebook(), request());
    const error = await client()
      .waitForImage(created.id, { pollIntervalMs: 20, timeoutMs: 10_000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageSaveFailedError);
    expect((error as ImageSaveFailedError).image.status).toBe("CREATE_FAILED");
    expect((error as ImageSaveFailedError).statusMessage).toBe("the registry refused the push");
  });

  it("waitForImage gives up at its time limit with a TimeoutError holding the last image seen", async () => {
    await transitions({ mode: "manual" });
    const created = await client().saveInstanceAsImage(await h.newNotebook(), request());
    const started = Date.now();
    const error = await client()
      .waitForImage(created.id, { pollIntervalMs: 20, timeoutMs: 300 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(5_000);
    // The save goes on: advanced by hand, it still ends ACTIVE.
    await h.control("POST", `/images/${created.id}/advance`);
    await h.control("POST", `/images/${created.id}/advance`);
    expect((await client().waitForImage(created.id, { pollIntervalMs: 20, timeoutMs: 5_000 })).status).toBe(
      "ACTIVE",
    );
  });

  it("waitForImage stops at once when aborted, with the signal's reason", async () => {
    await transitions({ mode: "manual" });
    const created = await client().saveInstanceAsImage(await h.newNotebook(), request());
    const abort = new AbortController();
    const reason = new Error("the user went away");
    setTimeout(() => abort.abort(reason), 100);
    const error = await client()
      .waitForImage(created.id, { pollIntervalMs: 20, timeoutMs: 20_000, signal: abort.signal })
      .catch((e: unknown) => e);
    expect(error).toBe(reason);
  });
});
