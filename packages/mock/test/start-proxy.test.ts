// startProxy(): Prism in proxy mode in front of a real HTTP server (a small node:http server here),
// validating both ways. A response of the upstream that breaks the spec must fail loudly.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startProxy } from "../src/index.js";
import {
  createImagePath,
  exampleValue,
  firstExampleValue,
  jsonBody,
  responseBodyErrors,
  tokenHeaders,
  validRequestBody,
} from "./support/contract.js";
import { groupAlive } from "./support/processes.js";

type Reply = { status: number; headers?: Record<string, string>; body: string };
type Received = { method: string; url: string; body: string; bytes: Buffer };

const successMedia = jsonBody("200");
if (!successMedia) throw new Error("the spec declares no JSON body for 200");
const successExample = exampleValue(
  successMedia,
  Object.keys(successMedia.examples ?? {})[0] ?? "",
) as Record<string, unknown>;

/** An upstream that answers with whatever the test sets in `next`, and records what it received. */
let next: Reply = { status: 200, body: "{}" };
const received: Received[] = [];
const upstream: Server = createServer((request: IncomingMessage, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => {
    chunks.push(chunk);
  });
  request.on("end", () => {
    const bytes = Buffer.concat(chunks);
    received.push({
      method: request.method ?? "",
      url: request.url ?? "",
      body: bytes.toString("utf8"),
      bytes,
    });
    response.writeHead(next.status, { "content-type": "application/json", ...next.headers });
    response.end(next.body);
  });
});

let upstreamUrl = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  const address = upstream.address();
  upstreamUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

// The two configurations most tests need, started once for the file (each Prism start costs
// seconds): the default proxy, and one that forwards requests without validating them. Tests
// that check a start option or the process itself start their own.
let proxy: MockServer;
let forwarding: MockServer;
beforeAll(async () => {
  [proxy, forwarding] = await Promise.all([
    startProxy({ upstream: upstreamUrl }),
    startProxy({ upstream: upstreamUrl, validateRequest: false }),
  ]);
});
afterAll(async () => {
  await Promise.all([proxy?.close(), forwarding?.close()]);
});

const createImage = (url: string, body: unknown = validRequestBody) =>
  fetch(`${url}${createImagePath()}`, {
    method: "POST",
    headers: tokenHeaders,
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });

describe("startProxy()", () => {
  it("forwards a valid request and passes a response that meets the spec through unchanged", async () => {
    expect(proxy.url).toBe(`http://127.0.0.1:${proxy.port}`);
    next = { status: 200, body: JSON.stringify(successExample) };
    received.length = 0;
    const response = await createImage(proxy.url);
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(body).toStrictEqual(successExample);
    expect(responseBodyErrors("200", body)).toBeNull();
    expect(received).toHaveLength(1);
    expect(received[0]?.url).toBe(createImagePath());
    expect(JSON.parse(received[0]?.body ?? "null")).toStrictEqual(validRequestBody);
  });

  it("fails loudly when the upstream's body breaks the spec: Prism's 500 names each violation", async () => {
    const { id: _dropped, ...withoutId } = successExample;
    next = { status: 200, body: JSON.stringify({ ...withoutId, status: 7 }) };
    const response = await createImage(proxy.url);
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { validation: { location: string[]; message: string }[] };
    const found = problem.validation.map(
      (violation) => `${violation.location.join(".")}: ${violation.message}`,
    );
    expect(found).toContainEqual(expect.stringMatching(/^response\.body: .*required property 'id'/));
    expect(found).toContainEqual(expect.stringMatching(/^response\.body\.status: /));
  });

  it("fails loudly when the upstream answers a body that is not JSON under a JSON content type", async () => {
    next = { status: 200, body: "<html>oops</html>" };
    const response = await createImage(proxy.url);
    expect(response.status).toBeGreaterThanOrEqual(500);
    await response.arrayBuffer();
  });

  it("fails loudly on a 2xx the spec does not declare, and only warns (sl-violations) on another status", async () => {
    next = { status: 202, body: JSON.stringify(successExample) };
    const undeclaredSuccess = await createImage(proxy.url);
    await undeclaredSuccess.arrayBuffer();
    expect(undeclaredSuccess.status).toBe(500);

    // 418 is in no spec: Prism rates an undeclared non-2xx status a warning, passes it on, and
    // says so only in sl-violations. Tests through the proxy should check that header is absent.
    next = { status: 418, body: JSON.stringify(firstExampleValue("400")) };
    const undeclaredError = await createImage(proxy.url);
    await undeclaredError.arrayBuffer();
    expect(undeclaredError.status).toBe(418);
    expect(undeclaredError.headers.get("sl-violations")).toMatch(
      /"severity":"Warning".*Unable to match the returned status code/,
    );
  });

  it("with errors: false, passes the broken response on and reports it in sl-violations only", async () => {
    const lenient = await startProxy({ upstream: upstreamUrl, errors: false });
    try {
      next = { status: 200, body: JSON.stringify({ ...successExample, status: 7 }) };
      const response = await createImage(lenient.url);
      expect(response.status).toBe(200);
      expect(await response.json()).toStrictEqual({ ...successExample, status: 7 });
      expect(response.headers.get("sl-violations")).toMatch(/"location":\["response","body","status"\]/);
    } finally {
      await lenient.close();
    }
  });

  it("answers an invalid request itself by default, and forwards it with validateRequest: false", async () => {
    const badRequest = { ...validRequestBody, name: 14 };
    next = { status: 200, body: JSON.stringify(successExample) };
    received.length = 0;
    const refused = await createImage(proxy.url, badRequest);
    // Unlike the mock, the proxy answers with Prism's own problem, not the spec's 400 example.
    expect(refused.status).toBe(422);
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const problem = (await refused.json()) as { validation: { location: string[] }[] };
    expect(problem.validation.map((violation) => violation.location.join("."))).toContain("body.name");
    expect(received).toHaveLength(0);

    const forwarded = await createImage(forwarding.url, badRequest);
    await forwarded.arrayBuffer();
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]?.body ?? "null")).toStrictEqual(badRequest);
  });

  it("refuses a body that is not JSON itself, and forwards its very bytes with validateRequest: false", async () => {
    const notUtf8 = Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xff, 0xfe]), Buffer.from('", ')]);
    const post = (url: string) =>
      fetch(`${url}${createImagePath()}`, {
        method: "POST",
        headers: tokenHeaders,
        body: notUtf8,
        signal: AbortSignal.timeout(10_000),
      });
    next = { status: 200, body: JSON.stringify(successExample) };
    received.length = 0;
    const refused = await post(proxy.url);
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as { validation: { location: string[]; message: string }[] };
    expect(problem.validation).toContainEqual(
      expect.objectContaining({ location: ["body"], message: expect.stringMatching(/not valid UTF-8/) }),
    );
    expect(received).toHaveLength(0);

    const forwarded = await post(forwarding.url);
    await forwarded.arrayBuffer();
    expect(received).toHaveLength(1);
    expect(received[0]?.bytes.equals(notUtf8)).toBe(true);
  });

  it("close() ends Prism's process group", async () => {
    const own = await startProxy({ upstream: upstreamUrl });
    expect(groupAlive(own.pid)).toBe(true);
    await own.close();
    expect(groupAlive(own.pid)).toBe(false);
    await own.close();
  });

  it.each([["ftp://127.0.0.1:21"], ["127.0.0.1:4020"], [""]])(
    "rejects upstream %j before starting anything",
    async (upstream) => {
      await expect(startProxy({ upstream })).rejects.toThrow(/upstream must be an absolute http/);
    },
  );

  it("rejects with Prism's own message when the port is taken", async () => {
    const taken = createTcpServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const address = taken.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      await expect(startProxy({ upstream: upstreamUrl, port })).rejects.toThrow(
        new RegExp(`Prism could not start the proxy on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`),
      );
    } finally {
      taken.close();
    }
  });
});
