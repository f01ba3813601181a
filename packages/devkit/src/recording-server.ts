// A local HTTP server that records every request it gets (method, URL, headers, body) before it
// answers: proof over HTTP, not assumed from a client's code, that nothing was sent, that one request
// was, or what it carried. The answer is given (a status and a JSON body), made from the request (to
// echo what it carried, or to pass it on to the real API: forwardTo), or never sent (`answer: false`,
// for a client's timeout).
import { createServer, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The body as text ("" until all of it has arrived). */
  body: string;
}

/** An answer: a status and a body sent as JSON, or bytes sent as they are with their content type. */
export type Reply =
  | { status: number; body: unknown }
  | { status: number; raw: Uint8Array; contentType?: string };

export interface RecordingServerOptions {
  /**
   * The answer to every request, or how to make it from the request. Default: 500, with a JSON body
   * saying that the test gave no reply.
   */
  reply?: Reply | ((request: RecordedRequest) => Reply | Promise<Reply>);
  /** `false`: requests are recorded and never answered, to test a client's timeout. Default `true`. */
  answer?: boolean;
}

export interface RecordingServer {
  /** Base URL (no trailing slash) on 127.0.0.1. */
  url: string;
  /** Each request that reached the server, in order; a test may empty it (`length = 0`). */
  requests: RecordedRequest[];
  /** Stops the server, ending the connections still open (a request left unanswered among them). */
  close(): Promise<void>;
}

const NO_REPLY: Reply = { status: 500, body: { error: "the recording server was given no reply" } };

async function textOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Starts a recording server on a free port of 127.0.0.1. */
export async function startRecordingServer(options: RecordingServerOptions = {}): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (request, response) => {
    // Recorded as soon as it arrives: a request whose body never ends still counts.
    const recorded: RecordedRequest = {
      method: request.method ?? "",
      url: request.url ?? "",
      headers: request.headers,
      body: "",
    };
    requests.push(recorded);
    try {
      recorded.body = await textOf(request);
    } catch {
      return; // The connection ended before the body did: there is no one left to answer.
    }
    if (options.answer === false) return;
    let reply: Reply;
    try {
      reply =
        typeof options.reply === "function" ? await options.reply(recorded) : (options.reply ?? NO_REPLY);
    } catch (error) {
      reply = { status: 500, body: { error: `the recording server's reply failed: ${String(error)}` } };
    }
    if ("raw" in reply) {
      response.writeHead(reply.status, reply.contentType ? { "content-type": reply.contentType } : {});
      response.end(reply.raw);
    } else {
      response.writeHead(reply.status, { "content-type": "application/json" });
      response.end(JSON.stringify(reply.body));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Headers that belong to one connection, not to the request passed on. */
const HOP_HEADERS = new Set(["host", "connection", "content-length"]);

/**
 * A reply that passes the request on to `upstream` and answers with what comes back (its status,
 * body and content type), or 504 when that fails or takes longer than `timeoutMs`: a recording
 * proxy in front of a real API.
 */
export function forwardTo(upstream: string, timeoutMs = 10_000) {
  return async (request: RecordedRequest): Promise<Reply> => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === "string" && !HOP_HEADERS.has(name)) headers.set(name, value);
    }
    try {
      const answer = await fetch(`${upstream}${request.url}`, {
        method: request.method,
        headers,
        body: request.body === "" ? null : request.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const raw = new Uint8Array(await answer.arrayBuffer());
      const contentType = answer.headers.get("content-type");
      return contentType ? { status: answer.status, raw, contentType } : { status: answer.status, raw };
    } catch (error) {
      return {
        status: 504,
        raw: Buffer.from(`recording proxy: ${String(error)}`),
        contentType: "text/plain",
      };
    }
  };
}

/** A loopback URL that nothing listens on: a port bound, then released. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
