// A local HTTP server in front of the real API of the tests (the Prism mock) that counts every
// request reaching it before forwarding it: "nothing was sent" is then observed over HTTP, not
// assumed from the client's code.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface CountingProxy {
  /** Base URL of the proxy (no trailing slash): give it to the client as `baseUrl`. */
  url: string;
  /** Method and path of each request that reached the proxy, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** How long a forwarded request may take before the proxy answers 504 itself. */
const FORWARD_TIMEOUT_MS = 10_000;

/** The request's body as text: the API's bodies are JSON. */
async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Starts the proxy on a free port of 127.0.0.1, forwarding to `upstream`. */
export async function startCountingProxy(upstream: string): Promise<CountingProxy> {
  const requests: string[] = [];
  const server = createServer(async (request, response) => {
    requests.push(`${request.method} ${request.url}`);
    try {
      const body = await bodyOf(request);
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === "string" && !["host", "connection", "content-length"].includes(name))
          headers.set(name, value);
      }
      const answer = await fetch(`${upstream}${request.url}`, {
        method: request.method ?? "GET",
        headers,
        body: body === "" ? null : body,
        signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
      });
      const text = Buffer.from(await answer.arrayBuffer());
      const type = answer.headers.get("content-type");
      response.writeHead(answer.status, type ? { "content-type": type } : {});
      response.end(text);
    } catch (error) {
      response.writeHead(504, { "content-type": "text/plain" });
      response.end(`counting proxy: ${String(error)}`);
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
