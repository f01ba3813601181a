// What every call has: withResponse(), per-call time limit and retries, the logger hook (secrets
// redacted), a token given as a function, and fetch options of client.api callers reaching fetch.
import { describe, expect, it } from "vitest";
import { fakeFetch, IMAGE, json } from "../test/fake-fetch.js";
import { EXAMPLE_INSTANCE_ID, OPERATION_PATH } from "../test/spec.js";
import { createNotebookImageClient } from "./client.js";
import { createNotebookImageCore } from "./core.js";
import { RequestValidationError, TimeoutError } from "./errors.js";
import type { AttemptEvent } from "./log.js";
import { saveInstanceAsImage } from "./operations/save-instance-as-image.js";
import { validateClientOptions } from "./options.js";

const BODY = { name: "pytorch1_4", namespace: "atelier-auto" };
const busy = () => json(503, { error_code: "ModelArts.6101", error_msg: "busy" });

describe("withResponse()", () => {
  it("gives the data with the status, the headers and the request id", async () => {
    const { fetch } = fakeFetch(json(200, IMAGE, { "X-Request-Id": "req-1", "X-Other": "o" }));
    const client = createNotebookImageClient({ projectId: "p", auth: { token: "t" }, fetch });
    const { data, response } = await client.saveInstanceAsImage(EXAMPLE_INSTANCE_ID, BODY).withResponse();
    expect(data).toEqual(IMAGE);
    expect(response.status).toBe(200);
    expect(response.requestId).toBe("req-1");
    expect(response.headers.get("x-other")).toBe("o");
  });

  it("rejects like the call itself, without an unhandled rejection of the plain promise", async () => {
    const { fetch } = fakeFetch(json(400, { error_code: "ModelArts.6309", error_msg: "x" }));
    const core = createNotebookImageCore({ projectId: "p", auth: { token: "t" }, fetch, retry: false });
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", listener);
    await expect(saveInstanceAsImage(core, EXAMPLE_INSTANCE_ID, BODY).withResponse()).rejects.toMatchObject({
      status: 400,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    process.off("unhandledRejection", listener);
    expect(unhandled).toEqual([]);
  });
});

describe("per-call settings", () => {
  it("a call's timeoutMs replaces the client's for that call only", async () => {
    const { fetch } = fakeFetch("hang");
    const client = createNotebookImageClient({
      projectId: "p",
      auth: { token: "t" },
      fetch,
      timeoutMs: 60_000,
    });
    await expect(
      client.saveInstanceAsImage(EXAMPLE_INSTANCE_ID, BODY, { timeoutMs: 15 }),
    ).rejects.toMatchObject({
      name: "TimeoutError",
      timeoutMs: 15,
    });
  });

  it("a call's retry settings replace the client's, and retry: false turns them off", async () => {
    const client = (steps: Parameters<typeof fakeFetch>) => {
      const fake = fakeFetch(...steps);
      return {
        fake,
        client: createNotebookImageClient({
          projectId: "p",
          auth: { token: "t" },
          fetch: fake.fetch,
          retry: false,
        }),
      };
    };
    const retried = client([busy(), busy(), json(200, IMAGE)]);
    await expect(
      retried.client.saveInstanceAsImage(EXAMPLE_INSTANCE_ID, BODY, {
        retry: { retries: 2, baseDelayMs: 1 },
      }),
    ).resolves.toEqual(IMAGE);
    expect(retried.fake.sent).toHaveLength(3);

    const fake = fakeFetch(busy(), json(200, IMAGE));
    const retrying = createNotebookImageClient({
      projectId: "p",
      auth: { token: "t" },
      fetch: fake.fetch,
      retry: { baseDelayMs: 1 },
    });
    await expect(
      retrying.saveInstanceAsImage(EXAMPLE_INSTANCE_ID, BODY, { retry: false }),
    ).rejects.toMatchObject({ status: 503 });
    expect(fake.sent).toHaveLength(1);
  });

  it("bad call settings are refused before anything is sent", async () => {
    const { fetch, sent } = fakeFetch(json(200, IMAGE));
    const client = createNotebookImageClient({ projectId: "p", auth: { token: "t" }, fetch });
    const error = await client
      .saveInstanceAsImage(EXAMPLE_INSTANCE_ID, BODY, { timeoutMs: 0, retry: { retries: -1 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).issues.map((i) => i.path)).toEqual([
      "options.timeoutMs",
      "options.retry.retries",
    ]);
    expect(sent).toHaveLength(0);
  });
});

describe("the logger hook", () => {
  it("sees each attempt with its outcome, and never a credential", async () => {
    const events: AttemptEvent[] = [];
    const { fetch } = fakeFetch(busy(), json(200, IMAGE, { "X-Request-Id": "r2" }));
    const client = createNotebookImageClient({
      projectId: "p",
      auth: { accessKey: "AK", secretKey: "SECRET-SK", securityToken: "SECRET-ST" },
      fetch,
      retry: { baseDelayMs: 1 },
      logger: (event) => events.push(event),
    });
    await client.saveInstanceAsImage(EXAMPLE_INSTANCE_ID, BODY);
    expect(events.map(({ attempt, outcome, status }) => ({ attempt, outcome, status }))).toEqual([
      { attempt: 1, outcome: "response", status: 503 },
      { attempt: 2, outcome: "response", status: 200 },
    ]);
    expect(events[0]?.retryInMs).toEqual(expect.any(Number));
    expect(events[1]).toMatchObject({
      method: "POST",
      requestId: "r2",
      url: expect.stringContaining("/create-image"),
    });
    expect(events[1]?.headers.authorization).toMatch(
      /^SDK-HMAC-SHA256 Access=AK, SignedHeaders=.*, Signature=\[REDACTED\]$/,
    );
    expect(events[1]?.headers["x-security-token"]).toBe("[REDACTED]");
    const text = JSON.stringify(events);
    expect(text).not.toContain("SECRET");
    expect(text).not.toMatch(/[0-9a-f]{64}/);
  });

  it("sees a timeout, and redacts a token", async () => {
    const events: AttemptEvent[] = [];
    const { fetch } = fakeFetch("hang");
    const client = createNotebookImageClient({
      projectId: "p",
      auth: { token: "SECRET-T" },
      fetch,
      timeoutMs: 10,
      logger: (e) => events.push(e),
    });
    await expect(client.saveInstanceAsImage(EXAMPLE_INSTANCE_ID, BODY)).rejects.toBeInstanceOf(TimeoutError);
    expect(events).toEqual([
      expect.objectContaining({
        outcome: "timeout",
        headers: expect.objectContaining({ "x-auth-token": "[REDACTED]" }),
      }),
    ]);
  });
});

describe("a token given as a function", () => {
  it("is asked again at every attempt, so a refreshed token is used", async () => {
    const { fetch, sent } = fakeFetch(busy(), json(200, IMAGE));
    let n = 0;
    const client = createNotebookImageClient({
      projectId: "p",
      auth: { token: async () => `token-${++n}` },
      fetch,
      retry: { baseDelayMs: 1 },
    });
    await client.saveInstanceAsImage(EXAMPLE_INSTANCE_ID, BODY);
    expect(sent.map((r) => r.headers.get("x-auth-token"))).toEqual(["token-1", "token-2"]);
  });

  it("giving a value that cannot be a header: RequestValidationError, nothing sent, the value not quoted", async () => {
    const { fetch, sent } = fakeFetch(json(200, IMAGE));
    const client = createNotebookImageClient({
      projectId: "p",
      auth: { token: () => "SECRET\r\nX-Evil: 1" },
      fetch,
    });
    const error = await client.saveInstanceAsImage(EXAMPLE_INSTANCE_ID, BODY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).issues.map((i) => i.path)).toEqual(["auth.token"]);
    expect(String((error as Error).message)).not.toContain("SECRET");
    expect(sent).toHaveLength(0);
  });
});

describe("fetch options of client.api callers", () => {
  it("reach fetch: RequestInit members, and members Request lacks (an undici dispatcher)", async () => {
    const received: RequestInit[] = [];
    const dispatcher = { dispatch: () => true };
    const client = createNotebookImageClient({
      projectId: "p",
      auth: { token: "t" },
      fetch: async (_input, init) => {
        received.push(init ?? {});
        return json(200, IMAGE);
      },
    });
    await client.api.POST(OPERATION_PATH, {
      params: { path: { project_id: "p", id: EXAMPLE_INSTANCE_ID } },
      body: BODY,
      keepalive: true,
      dispatcher,
    } as never);
    expect(received[0]).toMatchObject({ keepalive: true, dispatcher, redirect: "error" });
  });

  it("leave out the RequestInit members nobody set, as a plain fetch(url, init) call would", async () => {
    const received: RequestInit[] = [];
    const client = createNotebookImageClient({
      projectId: "p",
      auth: { token: "t" },
      fetch: async (_input, init) => {
        received.push(init ?? {});
        return json(200, IMAGE);
      },
    });
    await client.saveInstanceAsImage(EXAMPLE_INSTANCE_ID, BODY);
    expect(Object.keys(received[0] ?? {}).sort()).toEqual([
      "body",
      "headers",
      "method",
      "redirect",
      "signal",
    ]);
  });
});

describe("core.fetchWith: a call's own time limit and retries for client.api", () => {
  const params = { path: { project_id: "p", id: EXAMPLE_INSTANCE_ID } };

  it("sends a client.api call with its own time limit instead of the client's", async () => {
    const { fetch } = fakeFetch("hang");
    const client = createNotebookImageClient({
      projectId: "p",
      auth: { token: "t" },
      fetch,
      timeoutMs: 60_000,
    });
    await expect(
      client.api.POST(OPERATION_PATH, { params, body: BODY, fetch: client.fetchWith({ timeoutMs: 15 }) }),
    ).rejects.toMatchObject({ name: "TimeoutError", timeoutMs: 15 });
  });

  it("retries a client.api call as asked, and not at all with retry: false", async () => {
    const retried = fakeFetch(busy(), json(200, IMAGE));
    const client = createNotebookImageClient({
      projectId: "p",
      auth: { token: "t" },
      fetch: retried.fetch,
      retry: false,
    });
    const answer = await client.api.POST(OPERATION_PATH, {
      params,
      body: BODY,
      fetch: client.fetchWith({ retry: { retries: 1, baseDelayMs: 1 } }),
    });
    expect(answer.response.status).toBe(200);
    expect(retried.sent).toHaveLength(2);

    const once = fakeFetch(busy(), json(200, IMAGE));
    const retrying = createNotebookImageClient({
      projectId: "p",
      auth: { token: "t" },
      fetch: once.fetch,
      retry: { baseDelayMs: 1 },
    });
    const refused = await retrying.api.POST(OPERATION_PATH, {
      params,
      body: BODY,
      fetch: retrying.fetchWith({ retry: false }),
    });
    expect(refused.response.status).toBe(503);
    expect(once.sent).toHaveLength(1);
  });

  it("refuses invalid overrides, naming them, before anything is sent", () => {
    const { fetch, sent } = fakeFetch(json(200, IMAGE));
    const client = createNotebookImageClient({ projectId: "p", auth: { token: "t" }, fetch });
    let error: unknown;
    try {
      client.fetchWith({ timeoutMs: 0, retry: { retries: -1 } });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).issues.map((i) => i.path)).toEqual([
      "options.timeoutMs",
      "options.retry.retries",
    ]);
    expect(sent).toHaveLength(0);
  });
});

describe("middleware added to client.api", () => {
  it("sees the operations' requests too, and what it changes is sent and signed", async () => {
    const { fetch, sent } = fakeFetch(json(200, IMAGE), json(200, IMAGE));
    const client = createNotebookImageClient({
      projectId: "p",
      auth: { accessKey: "AK", secretKey: "SK" },
      fetch,
    });
    // Before any middleware: the operation's request as sent, for comparison.
    await client.saveInstanceAsImage(EXAMPLE_INSTANCE_ID, BODY);
    const seen: string[] = [];
    client.api.use({
      onRequest({ request }) {
        seen.push(`${request.method} ${new URL(request.url).pathname}`);
        request.headers.set("x-trace", "1");
      },
    });
    await expect(client.saveInstanceAsImage(EXAMPLE_INSTANCE_ID, BODY)).resolves.toEqual(IMAGE);
    expect(seen).toEqual([`POST /v1/p/notebooks/${EXAMPLE_INSTANCE_ID}/create-image`]);
    const [before, after] = sent;
    expect(after?.headers.get("x-trace")).toBe("1");
    expect(after?.headers.get("authorization")).toMatch(
      /SignedHeaders=content-type;host;x-project-id;x-sdk-date,/,
    );
    // Otherwise the same request, whichever way it went.
    expect(after?.url).toBe(before?.url);
    expect(after?.body).toBe(before?.body);
    const names = (h: Headers | undefined) => [...(h ?? [])].map(([name]) => name);
    expect(names(after?.headers)).toEqual(names(before?.headers).concat("x-trace").sort());
  });
});

describe("SDK-HMAC-SM3", () => {
  it("signs every request with SM3 when auth.signingAlgorithm asks for it (Node.js has SM3)", async () => {
    const { fetch, sent } = fakeFetch(json(200, IMAGE));
    const client = createNotebookImageClient({
      projectId: "p",
      auth: { accessKey: "AK", secretKey: "SK", signingAlgorithm: "SDK-HMAC-SM3" },
      fetch,
    });
    await client.saveInstanceAsImage(EXAMPLE_INSTANCE_ID, BODY);
    expect(sent[0]?.headers.get("authorization")).toMatch(
      /^SDK-HMAC-SM3 Access=AK, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it("refuses an algorithm the gateway does not know, naming the option", () => {
    const auth = { accessKey: "AK", secretKey: "SK", signingAlgorithm: "SDK-HMAC-MD5" };
    expect(validateClientOptions({ projectId: "p", auth }).map((i) => `${i.path}:${i.rule}`)).toEqual([
      "auth.signingAlgorithm:enum",
    ]);
  });
});

describe("validateClientOptions", () => {
  it("returns what createNotebookImageClient would refuse, without building a client", () => {
    expect(validateClientOptions({ projectId: "p", auth: { token: "t" } })).toEqual([]);
    const options = { projectId: "", auth: { token: "t", accessKey: "a", secretKey: "s" }, timeoutMs: 0 };
    const issues = validateClientOptions(options);
    expect(issues.map((i) => `${i.path}:${i.rule}`)).toEqual([
      "projectId:minLength",
      "auth:oneOf",
      "timeoutMs:minimum",
    ]);
    expect(() => createNotebookImageClient(options as never)).toThrow(RequestValidationError);
    expect(validateClientOptions(undefined).map((i) => i.path)).toEqual(["options"]);
  });
});
