// An injectable fetch for unit tests of the client's own logic: it answers from a script and
// records what the client sent.
export interface SentRequest {
  url: string;
  method: string;
  headers: Headers;
  body: string;
  redirect: RequestRedirect | undefined;
}

/** One scripted answer: a response, an error to throw, or "hang" (until the request is aborted). */
export type Step = Response | Error | "hang" | (() => Response | Promise<Response>);

export function fakeFetch(...steps: Step[]) {
  const sent: SentRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const bytes = init.body ? new Uint8Array(init.body as ArrayBufferLike) : new Uint8Array();
    sent.push({
      url: String(input),
      method: init.method ?? "GET",
      headers: new Headers(init.headers),
      body: new TextDecoder().decode(bytes),
      redirect: init.redirect,
    });
    const step = steps[Math.min(sent.length - 1, steps.length - 1)];
    if (step === undefined) throw new Error("fakeFetch: no scripted answer");
    if (step === "hang") {
      return new Promise((_, reject) => {
        const signal = init.signal as AbortSignal;
        signal.addEventListener("abort", () => reject(signal.reason), { once: true });
      });
    }
    if (step instanceof Error) throw step;
    return typeof step === "function" ? step() : step.clone();
  };
  return { fetch: fetch as typeof globalThis.fetch, sent };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** The error Node's fetch (undici) throws when a connection fails, with a system error code. */
export function connectionError(code: string): TypeError {
  const cause = Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code, syscall: "connect" });
  return new TypeError("fetch failed", { cause });
}

export const IMAGE = {
  id: "4e0d1854-63e5-4517-b683-a0ee97a692a1",
  name: "pytorch1_4",
  namespace: "atelier-auto",
  status: "INIT",
} as const;
