// What every request meets before the domain: malformed JSON answered at once (Prism's proxy hangs
// on it, so these go straight to the server), the gateway's 12 MB limit, X-Request-Id on every
// response, unknown APIs, and logs that never carry a secret.
import { Writable } from "node:stream";
import { createNotebookImageClient } from "@notebook-image/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_NAMESPACE } from "../src/domain/seed.js";
import { BODY_LIMIT_BYTES } from "../src/http/app.js";
import { DEV_CREDENTIALS, DEV_PROJECT_ID, type Harness, pathOf, startHarness } from "./support/harness.js";

const lines: string[] = [];
const logStream = new Writable({
  write(chunk, _encoding, done) {
    lines.push(...String(chunk).split("\n").filter(Boolean));
    done();
  },
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ transitions: { mode: "manual" }, logStream, logLevel: "trace" });
});
afterAll(() => h?.close());

const createPath = (notebook: string) => pathOf("createImage", { project_id: DEV_PROJECT_ID, id: notebook });

describe("malformed and oversized bodies", () => {
  it("malformed JSON is 400 ModelArts.4105, answered well within a client-side limit of 2 s", async () => {
    const response = await h.direct("POST", createPath(await h.newNotebook()), {
      body: '{"name": "x", "namespace": ',
      timeoutMs: 2_000,
    });
    expect(response.status).toBe(400);
    expect(response.body.error_code).toBe("ModelArts.4105");
    expect(response.body.error_msg).toMatch(/JSON/);
  });

  it("a body that is JSON but not an object is 6336", async () => {
    const response = await h.direct("POST", createPath(await h.newNotebook()), {
      body: "[]",
      timeoutMs: 2_000,
    });
    expect(response.status).toBe(400);
    expect(response.body.error_code).toBe("ModelArts.6336");
  });

  it("no body at all is 6335", async () => {
    const response = await h.direct("POST", createPath(await h.newNotebook()), { timeoutMs: 2_000 });
    expect(response.status).toBe(400);
    expect(response.body.error_code).toBe("ModelArts.6335");
  });

  it("a body over 12 MB is 413 APIGW.0201, before authentication", async () => {
    const response = await fetch(`${h.server.url}${createPath(await h.newNotebook())}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `{"name":"${"a".repeat(BODY_LIMIT_BYTES)}"}`,
      signal: AbortSignal.timeout(10_000),
    });
    expect(response.status).toBe(413);
    const body = await response.json();
    expect(body.error_code).toBe("APIGW.0201");
    expect(response.headers.get("x-request-id")).toBe(body.request_id);
  });
});

describe("every response", () => {
  it("carries an X-Request-Id of its own, on success and on every kind of error", async () => {
    const notebook = await h.newNotebook();
    const responses = [
      await h.api("POST", createPath(notebook), { body: { name: "request-id", namespace: DEV_NAMESPACE } }),
      await h.api("POST", createPath(notebook), { body: {} }),
      await h.direct("POST", createPath(notebook), { body: {}, auth: "none" }),
      await h.direct("POST", createPath(notebook), { body: "{", timeoutMs: 2_000 }),
    ];
    const ids = responses.map((r) => r.headers.get("x-request-id"));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("an API that does not exist is 404 APIGW.0101, with an X-Request-Id", async () => {
    const response = await fetch(`${h.server.url}/v1/${DEV_PROJECT_ID}/no-such-api`, {
      signal: AbortSignal.timeout(5_000),
    });
    expect(response.status).toBe(404);
    expect((await response.json()).error_code).toBe("APIGW.0101");
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f]{32}$/);
  });

  it("a caller cannot choose the request id", async () => {
    const response = await h.api("POST", createPath(await h.newNotebook()), {
      body: {},
      headers: { "x-request-id": "chosen-by-caller" },
    });
    expect(response.headers.get("x-request-id")).not.toBe("chosen-by-caller");
  });
});

describe("logs", () => {
  it("write one record per request, once answered: its id, method, URL, status and time", async () => {
    const response = await h.direct("GET", pathOf("ListImage", { project_id: DEV_PROJECT_ID }));
    const id = response.headers.get("x-request-id");
    expect(id).toBeTruthy();
    const records = lines.map((line) => JSON.parse(line)).filter((record) => record.reqId === id);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      req: { method: "GET" },
      res: { statusCode: 200 },
      msg: expect.stringMatching(/^GET \/v1\/\w+\/images 200 \d+ ms$/),
    });
  });

  it("log every request, and never a token, a secret key or a signature", async () => {
    const before = lines.length;
    await h.api("POST", createPath(await h.newNotebook()), {
      body: { name: "logged", namespace: DEV_NAMESPACE },
    });
    const client = createNotebookImageClient({
      baseUrl: h.server.url,
      projectId: DEV_PROJECT_ID,
      auth: { accessKey: DEV_CREDENTIALS.accessKey, secretKey: DEV_CREDENTIALS.secretKey },
    });
    const image = await client.saveInstanceAsImage(await h.newNotebook(), {
      name: "logged-ak",
      namespace: DEV_NAMESPACE,
    });
    expect(image.status).toBe("INIT");
    const wrongSecret = createNotebookImageClient({
      baseUrl: h.server.url,
      projectId: DEV_PROJECT_ID,
      auth: { accessKey: DEV_CREDENTIALS.accessKey, secretKey: "wrong-secret-for-the-log-test" },
    });
    const refused = await wrongSecret
      .saveInstanceAsImage(await h.newNotebook(), { name: "bad-signature", namespace: DEV_NAMESPACE })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 401 });
    const logged = lines.slice(before);
    expect(logged.length).toBeGreaterThan(3);
    const text = logged.join("\n");
    expect(text).not.toContain(DEV_CREDENTIALS.token);
    expect(text).not.toContain(DEV_CREDENTIALS.secretKey);
    expect(text).not.toMatch(/Signature=[0-9a-f]{64}/);
    expect(text).not.toContain("wrong-secret-for-the-log-test");
    // The headers are logged (so redaction has something to do), their secrets replaced.
    expect(text).toContain("[Redacted]");
  });
});
