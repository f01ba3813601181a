// waitForImage over scripted ShowImage answers (an injected fetch): the statuses a save walks
// through, a failure, throttling in the middle, an abort, a timeout.
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeFetch, IMAGE, json, type Step } from "../../test/fake-fetch.js";
import { createNotebookImageClient } from "../client.js";
import { ImageSaveFailedError, ModelArtsApiError, RequestValidationError, TimeoutError } from "../errors.js";
import type { Image } from "../types.js";

const image = (status: string, extra: Record<string, unknown> = {}) =>
  json(200, { ...IMAGE, status, ...extra });
const busy = (status: 429 | 503, retryAfter?: string) =>
  json(
    status,
    { error_code: "ModelArts.6101", error_msg: "busy" },
    retryAfter ? { "Retry-After": retryAfter } : {},
  );

function setup(...steps: Step[]) {
  const { fetch, sent } = fakeFetch(...steps);
  const client = createNotebookImageClient({ projectId: "p", auth: { token: "t" }, fetch, retry: false });
  const progress: { status: string; polls: number }[] = [];
  const onProgress = (img: Image, p: { polls: number }) =>
    progress.push({ status: img.status, polls: p.polls });
  return { client, sent, progress, onProgress };
}

afterEach(() => vi.useRealTimers());

describe("waitForImage", () => {
  it("INIT → CREATING → ACTIVE: resolves with the ACTIVE image; onProgress sees each status once", async () => {
    const { client, sent, progress, onProgress } = setup(
      image("INIT"),
      image("CREATING"),
      image("CREATING"),
      image("ACTIVE", { size: 42 }),
    );
    const done = await client.waitForImage(IMAGE.id, { pollIntervalMs: 1, onProgress });
    expect(done).toEqual({ ...IMAGE, status: "ACTIVE", size: 42 });
    expect(progress).toEqual([
      { status: "INIT", polls: 1 },
      { status: "CREATING", polls: 2 },
      { status: "ACTIVE", polls: 4 },
    ]);
    expect(sent).toHaveLength(4);
    expect(new URL(sent[0]?.url ?? "").pathname).toBe(`/v1/p/images/${IMAGE.id}`);
    expect(sent.every((r) => r.method === "GET")).toBe(true);
  });

  it.each(["CREATE_FAILED", "ERROR", "DELETED"])(
    "→ %s: ImageSaveFailedError with the image and its status_message",
    async (status) => {
      const { client } = setup(
        image("CREATING"),
        image(status, { status_message: "push to SWR failed: disk full" }),
      );
      const error = await client.waitForImage(IMAGE.id, { pollIntervalMs: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImageSaveFailedError);
      expect(error).toMatchObject({
        name: "ImageSaveFailedError",
        statusMessage: "push to SWR failed: disk full",
        image: { id: IMAGE.id, status },
      });
      expect((error as Error).message).toContain(`is ${status}: push to SWR failed: disk full`);
    },
  );

  it.each([429, 503] as const)(
    "a %i in the middle waits Retry-After, then goes on polling",
    async (status) => {
      vi.useFakeTimers();
      const { client, sent } = setup(image("CREATING"), busy(status, "3"), image("ACTIVE"));
      const done = client.waitForImage(IMAGE.id, { pollIntervalMs: 10 });
      await vi.advanceTimersByTimeAsync(10); // the pause after CREATING
      expect(sent).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(2_999);
      expect(sent).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1);
      await expect(done).resolves.toMatchObject({ status: "ACTIVE" });
      expect(sent).toHaveLength(3);
    },
  );

  it("a 429 without Retry-After waits one interval", async () => {
    const { client, sent } = setup(busy(429), image("ACTIVE"));
    await expect(client.waitForImage(IMAGE.id, { pollIntervalMs: 1 })).resolves.toMatchObject({
      status: "ACTIVE",
    });
    expect(sent).toHaveLength(2);
  });

  it("another error status fails the wait at once (an unknown image: 400 ModelArts.6404)", async () => {
    const { client, sent } = setup(
      json(400, { error_code: "ModelArts.6404", error_msg: "not found" }),
      image("ACTIVE"),
    );
    await expect(client.waitForImage(IMAGE.id, { pollIntervalMs: 1 })).rejects.toMatchObject({
      name: "ModelArtsApiError",
      errorCode: "ModelArts.6404",
    });
    expect(sent).toHaveLength(1);
  });

  it("times out with a TimeoutError carrying the last image seen", async () => {
    vi.useFakeTimers();
    const { client } = setup(image("INIT"), image("CREATING"));
    const result = client
      .waitForImage(IMAGE.id, { pollIntervalMs: 100, timeoutMs: 250 })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(250);
    const error = await result;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 250, image: { status: "CREATING" } });
    expect((error as Error).message).toContain("(last status CREATING)");
  });

  it("times out even while a poll hangs, without waiting for it", async () => {
    const { client } = setup(image("INIT"), "hang");
    const started = Date.now();
    const error = await client
      .waitForImage(IMAGE.id, { pollIntervalMs: 1, timeoutMs: 40 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "TimeoutError", image: { status: "INIT" } });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("stops at once when the signal aborts, between polls or during one, with the signal's reason", async () => {
    for (const steps of [[image("CREATING")], [image("CREATING"), "hang" as const]]) {
      const { client, sent } = setup(...steps);
      const controller = new AbortController();
      const result = client
        .waitForImage(IMAGE.id, {
          pollIntervalMs: steps.length === 1 ? 60_000 : 1,
          signal: controller.signal,
        })
        .catch((e: unknown) => e);
      while (sent.length < steps.length) await new Promise((r) => setTimeout(r, 1));
      controller.abort(new Error("user pressed Ctrl-C"));
      expect(await result).toMatchObject({ message: "user pressed Ctrl-C" });
    }
  });

  it("an already aborted signal sends nothing", async () => {
    const { client, sent } = setup(image("ACTIVE"));
    await expect(client.waitForImage(IMAGE.id, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(sent).toHaveLength(0);
  });

  it("defaults to a 10 s interval, as Huawei's tooling", async () => {
    vi.useFakeTimers();
    const { client, sent } = setup(image("CREATING"), image("ACTIVE"));
    const done = client.waitForImage(IMAGE.id);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(done).resolves.toMatchObject({ status: "ACTIVE" });
  });

  it("checks its arguments before polling", async () => {
    const { client, sent } = setup(image("ACTIVE"));
    const error = await client
      .waitForImage("not-an-id", { pollIntervalMs: 0, timeoutMs: -1, onProgress: "x" as never })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).issues.map((i) => i.path)).toEqual([
      "imageId",
      "options.timeoutMs",
      "options.pollIntervalMs",
      "options.onProgress",
    ]);
    expect(sent).toHaveLength(0);
  });
});

describe("saveInstanceAsImage with wait", () => {
  const BODY = { name: IMAGE.name, namespace: IMAGE.namespace };
  const INSTANCE = "6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b";

  it("saves, then follows the image to ACTIVE; onProgress sees INIT once", async () => {
    const { client, sent, progress, onProgress } = setup(
      image("INIT"),
      image("INIT"),
      image("CREATING"),
      image("ACTIVE"),
    );
    const done = await client.saveInstanceAsImage(INSTANCE, BODY, {
      wait: { pollIntervalMs: 1, onProgress },
    });
    expect(done.status).toBe("ACTIVE");
    expect(sent.map((r) => r.method)).toEqual(["POST", "GET", "GET", "GET"]);
    expect(progress.map((p) => p.status)).toEqual(["INIT", "CREATING", "ACTIVE"]);
  });

  it("a failed save rejects with ImageSaveFailedError", async () => {
    const { client } = setup(
      image("INIT"),
      image("CREATE_FAILED", { status_message: "image size exceeded" }),
    );
    await expect(
      client.saveInstanceAsImage(INSTANCE, BODY, { wait: { pollIntervalMs: 1 } }),
    ).rejects.toMatchObject({
      name: "ImageSaveFailedError",
      statusMessage: "image size exceeded",
    });
  });

  it("a 201 without a body is recovered by finding the image by name and tag, then waited for", async () => {
    const page = { current: 0, pages: 1, size: 1, total: 1, data: [{ ...IMAGE, status: "CREATING" }] };
    const { client, sent } = setup(new Response(null, { status: 201 }), json(200, page), image("ACTIVE"));
    await expect(client.saveInstanceAsImage(INSTANCE, BODY, { wait: true })).resolves.toMatchObject({
      status: "ACTIVE",
    });
    const list = new URL(sent[1]?.url ?? "");
    expect(Object.fromEntries(list.searchParams)).toMatchObject({
      type: "DEDICATED",
      name: IMAGE.name,
      namespace: IMAGE.namespace,
      name_fuzzy_match: "false",
    });
  });

  it("without wait, the answer is the INIT image, nothing polled", async () => {
    const { client, sent } = setup(image("INIT"), image("ACTIVE"));
    await expect(client.saveInstanceAsImage(INSTANCE, BODY)).resolves.toMatchObject({ status: "INIT" });
    expect(sent).toHaveLength(1);
  });

  it("keeps the API error of the save itself", async () => {
    const { client } = setup(json(400, { error_code: "ModelArts.6327", error_msg: "not running" }));
    const error = await client.saveInstanceAsImage(INSTANCE, BODY, { wait: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelArtsApiError);
  });
});
