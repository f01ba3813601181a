// Injected faults: each misbehaving server gets the documented typed error, or a retry where a
// retry is safe (429 and 503: the request was not processed), and never an unhandled rejection, a
// wait past the timeout, or a secret in anything that could be logged.
import type { ServerResponse } from "node:http";
import {
  type Auth,
  createNotebookImageClient,
  ModelArtsApiError,
  NetworkError,
  type RetryEvent,
  TimeoutError,
  UnexpectedResponseError,
} from "@notebook-image/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FaultHandler, json, startFaultServer } from "./faults/fault-server.js";
import { expectNoSecret, secretsOf } from "./support/secrets.js";
import { exampleInstanceId, exampleProjectId, exampleRequest, referenceImage } from "./support/spec.js";

// The time limit of the scenarios that must end in a TimeoutError (the server never finishes).
const TIMEOUT_MS = 300;
// The limit of every other scenario: far above what an answer takes even on a loaded CI machine, so
// that a slow answer is never mistaken for a timeout (that would be a flaky test, not a finding).
const ANSWER_TIMEOUT_MS = 4_000;
// Far above anything a scenario should take (the longest honours a 1 s Retry-After): a call that
// gets near it waited for something it should not have.
const SETTLE_BOUND_MS = 5_000;

const AUTHS: Record<string, { auth: Auth; secrets: string[] }> = {
  token: {
    auth: { token: "tok-SECRET-7f3a9c1e5b2d4f60" },
    secrets: ["tok-SECRET-7f3a9c1e5b2d4f60"],
  },
  "AK/SK": {
    auth: {
      accessKey: "AKPUBLIC0000EXAMPLE",
      secretKey: "sk-SECRET-0d9e8f7a6b5c4d3e",
      securityToken: "sts-SECRET-1a2b3c4d5e6f7a8b",
    },
    secrets: ["sk-SECRET-0d9e8f7a6b5c4d3e", "sts-SECRET-1a2b3c4d5e6f7a8b"],
  },
};

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  process.on("unhandledRejection", onUnhandled);
});
afterEach(async () => {
  // A rejection nobody handles is reported after the microtask queue drains: give it a moment.
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(unhandled, "unhandled rejections").toEqual([]);
});
afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
});

const html = (response: ServerResponse, status: number, text: string) => {
  response.writeHead(status, { "content-type": "text/html" });
  response.end(`<html><head><title>${text}</title></head><body><h1>${text}</h1></body></html>`);
};

interface Scenario {
  name: string;
  handler: FaultHandler;
  /** The server never finishes its answer: the call must end at the short TIMEOUT_MS. */
  timesOut?: true;
  /** Requests that must reach the server: more than one only where a retry is safe. */
  requests: number;
  /** Reasons of the retries the client must make, in order. */
  retries: string[];
  /** Checks the outcome: the error thrown, or the image when the call must succeed. */
  check: (outcome: { error?: unknown; image?: unknown }) => void;
}

const expectError =
  <T>(type: abstract new (...args: never[]) => T, more: (error: T) => void = () => {}) =>
  (outcome: { error?: unknown }) => {
    expect(outcome.error).toBeInstanceOf(type);
    more(outcome.error as T);
  };
const expectImage = (outcome: { error?: unknown; image?: unknown }) => {
  expect(outcome.error).toBeUndefined();
  expect(outcome.image).toEqual(referenceImage);
};

const scenarios: Scenario[] = [
  {
    name: "500 with an HTML body",
    handler: (_, res) => html(res, 500, "500 Internal Server Error"),
    requests: 1,
    retries: [],
    check: expectError(ModelArtsApiError, (e) => {
      expect(e.status).toBe(500);
      expect(e.errorCode).toBeUndefined();
      expect(String(e.body)).toContain("<h1>500 Internal Server Error</h1>");
      expect(e.message).toMatch(/^500\b/);
    }),
  },
  {
    name: "502 from a gateway",
    handler: (_, res) => html(res, 502, "502 Bad Gateway"),
    requests: 1,
    retries: [],
    check: expectError(ModelArtsApiError, (e) => expect(e.status).toBe(502)),
  },
  {
    name: "503 with Retry-After, then the image",
    handler: (_, res, i) =>
      i === 0
        ? json(res, 503, { error_code: "APIGW.0308", error_msg: "busy" }, { "retry-after": "1" })
        : json(res, 200, referenceImage),
    requests: 2,
    retries: ["503 after 1000 ms"],
    check: expectImage,
  },
  {
    name: "503 every time",
    handler: (_, res) =>
      json(res, 503, { error_code: "APIGW.0308", error_msg: "busy" }, { "retry-after": "0" }),
    requests: 3,
    retries: ["503 after 0 ms", "503 after 0 ms"],
    check: expectError(ModelArtsApiError, (e) => {
      expect(e.status).toBe(503);
      expect(e.errorCode).toBe("APIGW.0308");
    }),
  },
  {
    name: "503 with a Retry-After longer than maxDelayMs",
    handler: (_, res) =>
      json(res, 503, { error_code: "APIGW.0308", error_msg: "busy" }, { "retry-after": "3600" }),
    requests: 1,
    retries: [],
    check: expectError(ModelArtsApiError, (e) => {
      expect(e.status).toBe(503);
      expect(e.retryAfterMs).toBe(3_600_000);
    }),
  },
  {
    name: "429, then the image",
    handler: (_, res, i) =>
      i === 0
        ? json(res, 429, { error_code: "ModelArts.6101", error_msg: "System busy" })
        : json(res, 200, referenceImage),
    requests: 2,
    retries: ["429"],
    check: expectImage,
  },
  {
    name: "malformed JSON in a 200",
    handler: (_, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"id": "4e0d1854-63e5-4517-b683-a0ee97a692a1", "status": ');
    },
    requests: 1,
    retries: [],
    check: expectError(UnexpectedResponseError, (e) => expect(e.status).toBe(200)),
  },
  {
    name: "malformed JSON in a 400",
    handler: (_, res) => {
      res.writeHead(400, { "content-type": "application/json" });
      res.end('{"error_code": "ModelArts.0101", "error_msg": ');
    },
    requests: 1,
    retries: [],
    check: expectError(ModelArtsApiError, (e) => {
      expect(e.status).toBe(400);
      expect(e.body).toBe('{"error_code": "ModelArts.0101", "error_msg": ');
    }),
  },
  {
    name: "truncated body",
    handler: (_, res) => {
      const text = JSON.stringify(referenceImage);
      res.writeHead(200, { "content-type": "application/json", "content-length": text.length });
      res.write(text.slice(0, text.length / 2));
      setTimeout(() => res.destroy(), 20);
    },
    requests: 1,
    retries: [],
    check: expectError(NetworkError),
  },
  {
    name: "empty 4xx body",
    handler: (_, res) => {
      res.writeHead(403, { "content-length": 0 });
      res.end();
    },
    requests: 1,
    retries: [],
    check: expectError(ModelArtsApiError, (e) => {
      expect(e.status).toBe(403);
      expect(e.errorCode).toBeUndefined();
      expect(e.body).toBeUndefined();
      expect(e.message).toMatch(/^403\b/);
    }),
  },
  {
    name: "connection reset before the headers",
    handler: (req) => req.socket.resetAndDestroy(),
    requests: 1,
    retries: [],
    check: expectError(NetworkError),
  },
  {
    name: "connection reset after the headers",
    handler: (req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": 1000 });
      res.flushHeaders();
      setTimeout(() => req.socket.resetAndDestroy(), 20);
    },
    requests: 1,
    retries: [],
    check: expectError(NetworkError),
  },
  {
    name: "a server that never answers",
    handler: () => {},
    timesOut: true,
    requests: 1,
    retries: [],
    check: expectError(TimeoutError, (e) => expect(e.timeoutMs).toBe(TIMEOUT_MS)),
  },
  {
    name: "headers, then a body that never ends",
    handler: (_, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id": ');
    },
    timesOut: true,
    requests: 1,
    retries: [],
    check: expectError(TimeoutError),
  },
];

describe.each(Object.entries(AUTHS))("faults, %s auth", (_, { auth, secrets }) => {
  it.each(scenarios)("$name", async (scenario) => {
    const server = await startFaultServer(scenario.handler);
    const retries: RetryEvent[] = [];
    try {
      const client = createNotebookImageClient({
        projectId: exampleProjectId,
        baseUrl: server.url,
        auth,
        timeoutMs: scenario.timesOut ? TIMEOUT_MS : ANSWER_TIMEOUT_MS,
        retry: { retries: 2, baseDelayMs: 10, maxDelayMs: 2_000, onRetry: (event) => retries.push(event) },
      });
      const started = performance.now();
      const outcome = await client.saveInstanceAsImage(exampleInstanceId, exampleRequest).then(
        (image) => ({ image }),
        (error: unknown) => ({ error }),
      );
      const elapsed = performance.now() - started;

      scenario.check(outcome);
      expect(server.requests, "requests that reached the server").toBe(scenario.requests);
      expect(
        retries.map((r) => (r.reason.startsWith("503") ? `${r.reason} after ${r.delayMs} ms` : r.reason)),
      ).toEqual(scenario.retries);
      expect(elapsed, "settled long after anything it should have waited for").toBeLessThan(SETTLE_BOUND_MS);
      if ("error" in outcome) expectNoSecret(outcome.error, secretsOf(secrets, server.credentials));
      // The credentials did reach the server: the secret check above looked for real values.
      expect(server.credentials.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it("a refused connection is retried (nothing was sent), then a NetworkError", async () => {
    const closed = await startFaultServer(() => {});
    await closed.close();
    const retries: RetryEvent[] = [];
    const client = createNotebookImageClient({
      projectId: exampleProjectId,
      baseUrl: closed.url,
      auth,
      timeoutMs: ANSWER_TIMEOUT_MS,
      retry: { retries: 2, baseDelayMs: 10, maxDelayMs: 100, onRetry: (event) => retries.push(event) },
    });
    const error = await client
      .saveInstanceAsImage(exampleInstanceId, exampleRequest)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).code).toBe("ECONNREFUSED");
    expect(retries.map((r) => r.reason)).toEqual(["ECONNREFUSED", "ECONNREFUSED"]);
    expectNoSecret(error, secrets);
  });
});
