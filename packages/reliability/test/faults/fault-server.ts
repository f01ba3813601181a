// A local HTTP server (loopback, free port) whose every request gets the same misbehaviour, and
// which counts what reached it: how many requests, and the credentials they carried.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type FaultHandler = (request: IncomingMessage, response: ServerResponse, index: number) => void;

export interface FaultServer {
  url: string;
  /** Requests received so far. */
  readonly requests: number;
  /** Every value of the credential headers received (Authorization, X-Auth-Token, X-Security-Token). */
  readonly credentials: string[];
  close(): Promise<void>;
}

const CREDENTIAL_HEADERS = ["authorization", "x-auth-token", "x-security-token"];

export async function startFaultServer(handler: FaultHandler): Promise<FaultServer> {
  let requests = 0;
  const credentials: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const index = requests++;
    for (const name of CREDENTIAL_HEADERS) {
      const value = request.headers[name];
      if (typeof value === "string") credentials.push(value);
    }
    // Read the body (like a real server) before misbehaving, unless the handler is about the body.
    request.resume();
    handler(request, response, index);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    credentials,
    close: () =>
      new Promise<void>((resolve) => {
        // A server that never answers keeps its sockets open: end them, or close() never returns.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A JSON response with the given status and body. */
export function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}
