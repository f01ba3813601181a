// One HTTP request with exactly the headers given (fetch will not send a Host or an Origin of the
// caller's choosing): what a browser tab on another site, or a rebound DNS name, sends.
import { request } from "node:http";

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: a test reads the fields of a body whose shape it asserts
  body: any;
  text: string;
}

export function rawRequest(
  url: string,
  init: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string;
    timeoutMs?: number;
  },
): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: hostname.replace(/^\[(.*)\]$/, "$1"),
        port,
        method: init.method ?? "GET",
        path: init.path,
        headers: init.headers,
        setHost: init.headers?.host === undefined,
        timeout: init.timeoutMs ?? 10_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // Not JSON: kept as text for the assertion to show.
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body, text });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer to ${init.path} within the time limit`)));
    req.on("error", reject);
    req.end(init.body);
  });
}
