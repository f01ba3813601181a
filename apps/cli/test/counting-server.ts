// A local HTTP server that records the requests it gets, bodies included: proof that the CLI sent
// nothing, sent exactly once, or sent exactly this body. `answer: false` accepts requests and
// never answers them (for timeouts); `reply` answers with a status and a JSON body, or makes them
// from the request.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface CountingServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

type Reply = { status: number; body: unknown };

export async function startCountingServer(options: {
  answer: boolean;
  /** The answer, or how to answer a request (to echo what it carried). */
  reply?: Reply | ((request: RecordedRequest) => Reply);
}): Promise<CountingServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    const recorded: RecordedRequest = {
      method: request.method ?? "",
      url: request.url ?? "",
      headers: request.headers,
      body: "",
    };
    requests.push(recorded);
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      recorded.body = Buffer.concat(chunks).toString("utf8");
      if (!options.answer) return;
      const given = typeof options.reply === "function" ? options.reply(recorded) : options.reply;
      const reply = given ?? {
        status: 500,
        body: { error_code: "ModelArts.0010", error_msg: "counting server" },
      };
      response.writeHead(reply.status, { "content-type": "application/json" });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port that nothing listens on: bound, then released. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
