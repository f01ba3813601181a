// What fastify and Node answer on their own, before a route runs, is in the API's shape
// ({error_code, error_msg} with X-Request-Id), and nothing waits forever: a client that stalls is
// cut off (408 or a closed connection), while one that keeps sending, however slowly, is served.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_LIMIT_BYTES } from "../src/http/app.js";
import type { RunningServer } from "../src/server.js";
import { DEV_CREDENTIALS, DEV_NOTEBOOK_ID, DEV_PROJECT_ID, pathOf } from "./support/harness.js";
import { rawRequest } from "./support/raw-request.js";
import { startTestServer } from "./support/start-test-server.js";

let server: RunningServer;
beforeAll(async () => {
  // Short limits, so that a stalled client is cut off within the test's own limits.
  server = await startTestServer({
    transitions: { mode: "manual" },
    httpTimeouts: { idleMs: 2_000, headersMs: 2_000 },
  });
});
afterAll(() => server?.close());

const createPath = pathOf("createImage", { project_id: DEV_PROJECT_ID, id: DEV_NOTEBOOK_ID });
const head = (contentLength: number) =>
  `POST ${createPath} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Auth-Token: ${DEV_CREDENTIALS.token}\r\n` +
  `Content-Type: application/json\r\nContent-Length: ${contentLength}\r\n\r\n`;

interface Outcome {
  /** What the server wrote before the connection ended. */
  received: string;
  /** The server ended the connection (or reset it) before the client's limit. */
  ended: boolean;
}

/**
 * Writes `chunks` on a raw connection, `pauseMs` apart, then (if `halfClose`) ends its side, and
 * waits for the server to end the connection, at most `limitMs` (the client's own limit).
 */
function exchange(
  chunks: (string | Buffer)[],
  options: { pauseMs?: number; halfClose?: boolean; limitMs?: number } = {},
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, "127.0.0.1");
    const received: Buffer[] = [];
    let settled = false;
    const settle = (ended: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(limit);
      socket.destroy();
      resolve({ received: Buffer.concat(received).toString("utf8"), ended });
    };
    const limit = setTimeout(() => settle(false), options.limitMs ?? 15_000);
    socket.on("data", (data: Buffer) => received.push(data));
    socket.on("close", () => settle(true));
    socket.on("error", () => settle(true));
    socket.on("connect", async () => {
      try {
        for (const [index, chunk] of chunks.entries()) {
          if (index > 0 && options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
          if (settled) return;
          await new Promise<void>((done, fail) =>
            socket.write(chunk, (error) => (error ? fail(error) : done())),
          );
        }
        if (options.halfClose) socket.end();
      } catch (error) {
        if (!settled) reject(error);
      }
    });
  });
}

/** Status, headers and JSON body of the one response in `text`. */
function parseResponse(text: string) {
  const [headText = "", body = ""] = text.split("\r\n\r\n");
  const [statusLine = "", ...headerLines] = headText.split("\r\n");
  const headers = Object.fromEntries(
    headerLines.map((line) => [
      line.slice(0, line.indexOf(":")).toLowerCase(),
      line.slice(line.indexOf(":") + 1).trim(),
    ]),
  );
  return { status: Number(statusLine.split(" ")[1]), headers, body: JSON.parse(body) };
}

describe("nothing waits forever", () => {
  it("a client that sends the headers and 4 of 1,000 body bytes, then nothing, gets 408 or a closed connection", async () => {
    const outcome = await exchange([head(1_000), '{"na']);
    expect(outcome.ended).toBe(true);
    if (outcome.received !== "") expect(parseResponse(outcome.received).status).toBe(408);
  });

  it("a client that sends half its headers, then nothing, gets 408 or a closed connection", async () => {
    const outcome = await exchange([`GET ${createPath} HTTP/1.1\r\nHost: 127.0.0.1\r\n`]);
    expect(outcome.ended).toBe(true);
    if (outcome.received !== "") expect(parseResponse(outcome.received).status).toBe(408);
  });

  it("a body that keeps coming, slowly, up to the 12 MB limit, is read to its end and answered", async () => {
    // 13 pieces, 250 ms apart: over 3 s in all, longer than the idle limit (2 s) of this server.
    const body = Buffer.from(
      JSON.stringify({
        name: "slow-upload",
        namespace: "atelier-auto",
        description: "d".repeat(BODY_LIMIT_BYTES - 100),
      }),
    );
    const pieces = 13;
    const size = Math.ceil(body.length / pieces);
    const chunks = [
      head(body.length),
      ...Array.from({ length: pieces }, (_, i) => body.subarray(i * size, (i + 1) * size)),
    ];
    const outcome = await exchange(chunks, { pauseMs: 250, limitMs: 30_000 });
    const response = parseResponse(outcome.received);
    // Read whole and parsed: the spec's rule on description's length answers.
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error_code: "ModelArts.6336" });
    expect(response.body.error_msg).toContain("description");
  });
});

describe("fastify's and Node's own answers are in the API's shape", () => {
  const expectApiShape = (
    response: { status: number; headers: Record<string, unknown>; body: unknown },
    status: number,
  ) => {
    expect(response.status).toBe(status);
    expect(Object.keys(response.body as object).sort()).toEqual(["error_code", "error_msg"]);
    expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);
  };
  const token = { "x-auth-token": DEV_CREDENTIALS.token };

  it("a malformed % in the path is 400 ModelArts.0101", async () => {
    const response = await rawRequest(server.url, {
      path: `/v1/${DEV_PROJECT_ID}/images/%zz`,
      headers: token,
    });
    expectApiShape(response, 400);
    expect(response.body.error_code).toBe("ModelArts.0101");
  });

  it("an over-long id is 400 ModelArts.6336 naming id, not fastify's 414", async () => {
    const response = await rawRequest(server.url, {
      path: pathOf("ShowImage", { project_id: DEV_PROJECT_ID, id: "a".repeat(5_000) }),
      headers: token,
    });
    expectApiShape(response, 400);
    expect(response.body.error_code).toBe("ModelArts.6336");
    expect(response.body.error_msg).toContain("id");
  });

  it("headers over 16 KB are 431", async () => {
    const response = await rawRequest(server.url, {
      path: pathOf("ListImage", { project_id: DEV_PROJECT_ID }),
      headers: { ...token, "x-padding": "p".repeat(20_000) },
    });
    expectApiShape(response, 431);
  });

  it("a body cut short (the client ends after 4 of 1,000 bytes) is answered in the API's shape, or the connection closed", async () => {
    const outcome = await exchange([head(1_000), '{"na'], { halfClose: true });
    expect(outcome.ended).toBe(true);
    if (outcome.received !== "") expectApiShape(parseResponse(outcome.received), 400);
  });
});
