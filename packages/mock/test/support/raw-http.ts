// One HTTP/1.1 request written byte by byte on a TCP socket, for bodies that fetch() will not send
// (fewer bytes than the Content-Length, an empty chunked body) and with a hard time limit, so that
// a server that never answers fails the test instead of hanging it.
import { connect } from "node:net";

export type RawRequest = {
  method?: string;
  path: string;
  headers: Record<string, string>;
  /** The bytes after the blank line; with `contentLength` unset, Content-Length is their length. */
  body?: Buffer | string;
  /** Content-Length to announce instead of the body's length; null sends none (e.g. chunked). */
  contentLength?: number | null;
  /** End our side of the connection once the bytes are written (a client that gives up sending). */
  halfClose?: boolean;
  timeoutMs?: number;
};

export type RawResponse = { status: number; headers: Record<string, string>; body: string };

/** Sends the request on a new connection; resolves with the first response, rejects on timeout. */
export function rawRequest(url: string, request: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  const body = Buffer.from(request.body ?? "");
  const length = request.contentLength === undefined ? body.length : request.contentLength;
  const headers = { host: `${hostname}:${port}`, ...request.headers };
  const head = [
    `${request.method ?? "POST"} ${request.path} HTTP/1.1`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ...(length === null ? [] : [`content-length: ${length}`]),
    "",
    "",
  ].join("\r\n");
  const timeoutMs = request.timeoutMs ?? 5_000;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname, () => {
      socket.write(Buffer.concat([Buffer.from(head, "latin1"), body]));
      if (request.halfClose) socket.end();
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const settle = () => {
      clearTimeout(timer);
      const parsed = parseResponse(Buffer.concat(chunks));
      if (parsed) resolve(parsed);
      else reject(new Error(`the connection closed without a complete response (${chunks.length} chunks)`));
    };
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      const parsed = parseResponse(Buffer.concat(chunks));
      if (!parsed) return;
      clearTimeout(timer);
      socket.destroy();
      resolve(parsed);
    });
    socket.on("close", settle);
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** The response once its head and Content-Length bytes of body are in, else undefined. */
function parseResponse(bytes: Buffer): RawResponse | undefined {
  const end = bytes.indexOf("\r\n\r\n");
  if (end < 0) return undefined;
  const [statusLine = "", ...lines] = bytes.subarray(0, end).toString("latin1").split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers["content-length"] ?? 0);
  const body = bytes.subarray(end + 4);
  if (body.length < length) return undefined;
  return {
    status: Number(statusLine.split(" ")[1]),
    headers,
    body: body.subarray(0, length).toString("utf8"),
  };
}
