// A local HTTP server that counts the requests it gets: proof that the CLI sent nothing, or sent
// exactly once. `answer: false` accepts requests and never answers them (for timeouts).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface CountingServer {
  url: string;
  requests: IncomingMessage[];
  close(): Promise<void>;
}

export async function startCountingServer(options: { answer: boolean }): Promise<CountingServer> {
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request);
    request.resume();
    if (options.answer) {
      response.writeHead(500, { "content-type": "application/json" });
      response.end('{"error_code":"ModelArts.0010","error_msg":"counting server"}');
    }
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
