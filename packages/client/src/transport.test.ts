// Retry and timeout behaviour, with an injected fetch. create-image is not idempotent: only
// answers that prove the request was not processed (429, 503, a connection never made) are retried.
import { afterEach, describe, expect, it, vi } from "vitest";
import { connectionError, fakeFetch, IMAGE, json, type Step } from "../test/fake-fetch.js";
import { EXAMPLE_INSTANCE_ID, EXAMPLE_PROJECT_ID } from "../test/spec.js";
import { createNotebookImageClient } from "./client.js";
import { ModelArtsApiError, NetworkError, RequestValidationError, TimeoutError } from "./errors.js";
import type { NotebookImageClientOptions } from "./options.js";
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter, type RetryEvent } from "./retry.js";

const BODY = { name: "pytorch1_4", namespace: "atelier-auto" };
const busy = (headers: Record<string, string> = {}) =>
  json(429, { error_code: "ModelArts.6101", error_msg: "The system is busy." }, headers);

function setup(steps: Step[], options: Partial<NotebookImageClientOptions> = {}) {
  const { fetch, sent } = fakeFetch(...steps);
  const retries: RetryEvent[] = [];
  // A test's own retry settings replace the defaults here, never the onRetry that fills `retries`.
  const { retry, ...rest } = options;
  const client = createNotebookImageClient({
    projectId: EXAMPLE_PROJECT_ID,
    auth: { token: "token-value" },
    fetch,
    retry:
      retry === false
        ? false
        : { retries: 2, baseDelayMs: 1, maxDelayMs: 50, ...retry, onRetry: (e) => retries.push(e) },
    ...rest,
  });
  const save = (init: { signal?: AbortSignal } = {}) =>
    client.saveInstanceAsImage(EXAMPLE_INSTANCE_ID, BODY, init);
  return { client, sent, retries, save };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("retries", () => {
  it.each([429, 503])(
    "retries a %i and resolves with the next answer, sending the same bytes",
    async (status) => {
      const { sent, retries, save } = setup([
        json(status, { error_code: "X", error_msg: "busy" }),
        json(200, IMAGE),
      ]);
      await expect(save()).resolves.toEqual(IMAGE);
      expect(sent).toHaveLength(2);
      expect(sent[1]?.body).toBe(sent[0]?.body);
      expect(JSON.parse(sent[0]?.body ?? "")).toEqual(BODY);
      expect(retries).toEqual([{ attempt: 1, delayMs: expect.any(Number), reason: String(status) }]);
    },
  );

  it.each([400, 401, 403, 404, 500, 502, 504])(
    "never retries a %i: the server may have processed it",
    async (status) => {
      const { sent, save } = setup([
        json(status, { error_code: "ModelArts.0010", error_msg: "x" }),
        json(200, IMAGE),
      ]);
      await expect(save()).rejects.toMatchObject({ name: "ModelArtsApiError", status });
      expect(sent).toHaveLength(1);
    },
  );

  it("gives up after the configured retries and throws the last answer", async () => {
    const { sent, retries, save } = setup([busy()]);
    const error = await save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelArtsApiError);
    expect(error).toMatchObject({ status: 429, errorCode: "ModelArts.6101" });
    expect(sent).toHaveLength(3);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
  });

  it("does not retry at all with retry: false", async () => {
    const { sent, save } = setup([busy(), json(200, IMAGE)], { retry: false });
    await expect(save()).rejects.toMatchObject({ status: 429 });
    expect(sent).toHaveLength(1);
  });

  it("retries by default (2 retries)", async () => {
    const { fetch, sent } = fakeFetch(connectionError("ECONNREFUSED"));
    const client = createNotebookImageClient({ projectId: "p", auth: { token: "t" }, fetch });
    vi.useFakeTimers();
    const result = client.saveInstanceAsImage(EXAMPLE_INSTANCE_ID, BODY).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(DEFAULT_RETRY.maxDelayMs * 3);
    expect(await result).toBeInstanceOf(NetworkError);
    expect(sent).toHaveLength(DEFAULT_RETRY.retries + 1);
  });

  it("waits as long as Retry-After (seconds) says before trying again", async () => {
    vi.useFakeTimers();
    const { sent, retries, save } = setup([busy({ "Retry-After": "2" }), json(200, IMAGE)], {
      retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 10_000 },
    });
    const result = save();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toEqual(IMAGE);
    expect(sent).toHaveLength(2);
    expect(retries).toEqual([{ attempt: 1, delayMs: 2_000, reason: "429" }]);
  });

  it("understands Retry-After as an HTTP date", async () => {
    vi.useFakeTimers({ now: new Date("2026-01-01T00:00:00Z") });
    const { sent, save } = setup(
      [busy({ "Retry-After": "Thu, 01 Jan 2026 00:00:03 GMT" }), json(200, IMAGE)],
      {
        retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 10_000 },
      },
    );
    const result = save();
    await vi.advanceTimersByTimeAsync(2_999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toEqual(IMAGE);
  });

  it("does not retry when Retry-After is longer than maxDelayMs, and reports the wait asked for", async () => {
    const { sent, save } = setup([busy({ "Retry-After": "120" }), json(200, IMAGE)]);
    const error = await save().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ModelArtsApiError", status: 429, retryAfterMs: 120_000 });
    expect(sent).toHaveLength(1);
  });

  it.each(["ECONNREFUSED", "EAI_AGAIN", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT"])(
    "retries a connection that failed before sending (%s)",
    async (code) => {
      const { sent, retries, save } = setup([connectionError(code), json(200, IMAGE)]);
      await expect(save()).resolves.toEqual(IMAGE);
      expect(sent).toHaveLength(2);
      expect(retries[0]?.reason).toBe(code);
    },
  );

  it("finds the code inside an AggregateError (several addresses tried)", async () => {
    const aggregate = new TypeError("fetch failed", {
      cause: new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })]),
    });
    const { sent, save } = setup([aggregate, json(200, IMAGE)]);
    await expect(save()).resolves.toEqual(IMAGE);
    expect(sent).toHaveLength(2);
  });

  it("does not retry a host name that does not exist (ENOTFOUND), and says which code it was", async () => {
    const { sent, save } = setup([connectionError("ENOTFOUND"), json(200, IMAGE)]);
    const thrown = await save().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(NetworkError);
    expect((thrown as NetworkError).code).toBe("ENOTFOUND");
    expect(sent).toHaveLength(1);
  });

  it.each([
    ["a reset connection (ECONNRESET)", connectionError("ECONNRESET")],
    ["a socket closed mid-way (UND_ERR_SOCKET)", connectionError("UND_ERR_SOCKET")],
    ["a browser's bare 'Failed to fetch'", new TypeError("Failed to fetch")],
  ])("does not retry %s: the request may have arrived", async (_what, error) => {
    const { sent, save } = setup([error, json(200, IMAGE)]);
    const thrown = await save().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(NetworkError);
    expect((thrown as NetworkError).cause).toBe(error);
    expect(sent).toHaveLength(1);
  });

  it("signs every attempt again (AK/SK)", async () => {
    const { sent, save } = setup([busy(), json(200, IMAGE)], { auth: { accessKey: "ak", secretKey: "sk" } });
    await save();
    for (const request of sent) {
      expect(request.headers.get("authorization")).toMatch(/^SDK-HMAC-SHA256 Access=ak, /);
      expect(request.headers.get("x-sdk-date")).toMatch(/^\d{8}T\d{6}Z$/);
    }
  });
});

describe("timeouts and cancellation", () => {
  it("times out an attempt and never retries it", async () => {
    const { sent, save } = setup(["hang", json(200, IMAGE)], { timeoutMs: 20 });
    const error = await save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ name: "TimeoutError", timeoutMs: 20 });
    expect((error as Error).message).toContain("timed out after 20 ms");
    expect(sent).toHaveLength(1);
  });

  it("counts reading the response body in the attempt's time", async () => {
    const stalled = () =>
      new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"id":')) }), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    const { save } = setup([stalled], { timeoutMs: 30 });
    await expect(save()).rejects.toBeInstanceOf(TimeoutError);
  });

  it("stops at the caller's abort, with the caller's reason", async () => {
    const { sent, save } = setup(["hang"]);
    const controller = new AbortController();
    const result = save({ signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 5);
    const error = await result;
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("AbortError");
    expect(sent).toHaveLength(1);
  });

  it("stops waiting between retries when the caller aborts", async () => {
    const { sent, save } = setup([busy({ "Retry-After": "5" }), json(200, IMAGE)], {
      retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 60_000 },
    });
    const controller = new AbortController();
    const result = save({ signal: controller.signal }).catch((e: unknown) => e);
    while (sent.length === 0) await new Promise((r) => setTimeout(r, 1));
    controller.abort(new Error("user gave up"));
    expect(await result).toMatchObject({ message: "user gave up" });
    expect(sent).toHaveLength(1);
  });

  it("sends nothing when the signal is already aborted", async () => {
    const { sent, save } = setup([json(200, IMAGE)]);
    await expect(save({ signal: AbortSignal.abort() })).rejects.toMatchObject({ name: "AbortError" });
    expect(sent).toHaveLength(0);
  });

  it("refuses redirects, which would carry the credentials elsewhere", async () => {
    const { sent, save } = setup([json(200, IMAGE)]);
    await save();
    expect(sent[0]?.redirect).toBe("error");
  });
});

describe("retry helpers", () => {
  const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1_000 };
  it("backs off exponentially with jitter, within [ceiling/2, ceiling], capped", () => {
    expect(backoffDelay(policy, 0, () => 0)).toBe(50);
    expect(backoffDelay(policy, 0, () => 1)).toBe(100);
    expect(backoffDelay(policy, 2, () => 0)).toBe(200);
    expect(backoffDelay(policy, 2, () => 1)).toBe(400);
    expect(backoffDelay(policy, 10, () => 1)).toBe(1_000);
  });

  it.each([
    [null, undefined],
    ["0", 0],
    [" 7 ", 7_000],
    ["-1", undefined],
    ["soon", undefined],
    ["Thu, 01 Jan 2026 00:00:10 GMT", 10_000],
    ["Wed, 31 Dec 2025 23:59:00 GMT", 0],
  ])("parseRetryAfter(%j) = %j", (value, expected) => {
    expect(parseRetryAfter(value, Date.parse("2026-01-01T00:00:00Z"))).toBe(expected);
  });

  it.each([
    [{ retries: -1 }, "retry.retries"],
    [{ baseDelayMs: 1.5 }, "retry.baseDelayMs"],
    [{ maxDelayMs: Number.NaN }, "retry.maxDelayMs"],
  ])("rejects retry options %j", (retry, path) => {
    const { fetch, sent } = fakeFetch(json(200, IMAGE));
    expect(() => createNotebookImageClient({ projectId: "p", auth: { token: "t" }, fetch, retry })).toThrow(
      RequestValidationError,
    );
    try {
      createNotebookImageClient({ projectId: "p", auth: { token: "t" }, fetch, retry });
    } catch (e) {
      expect((e as RequestValidationError).issues.map((i) => i.path)).toEqual([path]);
    }
    expect(sent).toHaveLength(0);
  });
});
