// A small HTTP server that checks SDK-HMAC-SHA256 signatures the way the API gateway would:
// it recomputes the signature from what actually arrived (method, path, query, the headers named
// in SignedHeaders, the body bytes) with node:crypto, independently of the client's signer.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface Verifier {
  url: string;
  /** What the verifier concluded for each request, in order. */
  verdicts: { ok: boolean; reason: string; headers: IncomingMessage["headers"] }[];
  close(): Promise<void>;
}

const MAX_CLOCK_SKEW_MS = 15 * 60_000;
const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export async function startVerifier(keys: Record<string, string>): Promise<Verifier> {
  const verdicts: Verifier["verdicts"] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const reason = check(req, Buffer.concat(chunks), keys);
    verdicts.push({ ok: reason === "ok", reason, headers: req.headers });
    if (reason === "ok") {
      res.writeHead(200, { "content-type": "application/json", "x-request-id": "verified" });
      res.end(
        JSON.stringify({
          id: "4e0d1854-63e5-4517-b683-a0ee97a692a1",
          name: "n",
          namespace: "ns",
          status: "INIT",
        }),
      );
    } else {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error_code: "APIGW.0301",
          error_msg: `Incorrect IAM authentication information: ${reason}`,
        }),
      );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    verdicts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function check(req: IncomingMessage, body: Buffer, keys: Record<string, string>): string {
  const auth = req.headers.authorization ?? "";
  const match = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
    auth,
  );
  if (!match) return "malformed Authorization";
  const [, access, signedHeaderList, signature] = match as unknown as [string, string, string, string];
  const secret = keys[access];
  if (secret === undefined) return "unknown access key";
  const signed = signedHeaderList.split(";");
  for (const required of ["host", "x-sdk-date"])
    if (!signed.includes(required)) return `${required} not signed`;
  const sdkDate = String(req.headers["x-sdk-date"]);
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(sdkDate);
  if (!m) return "malformed X-Sdk-Date";
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const when = Date.UTC(year, month - 1, day, hour, minute, second);
  if (Math.abs(Date.now() - when) > MAX_CLOCK_SKEW_MS) return "X-Sdk-Date too far from now";

  const url = new URL(req.url ?? "/", "http://verifier");
  let path = url.pathname
    .split("/")
    .map((s) => rfc3986(decodeURIComponent(s)))
    .join("/");
  if (!path.endsWith("/")) path += "/";
  const query = [...url.searchParams]
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .sort()
    .join("&");
  const headerLines = [...signed]
    .sort()
    .map((name) => `${name}:${String(req.headers[name] ?? "").trim()}\n`)
    .join("");
  const canonical = [
    req.method,
    path,
    query,
    headerLines,
    [...signed].sort().join(";"),
    createHash("sha256").update(body).digest("hex"),
  ].join("\n");
  const toSign = `SDK-HMAC-SHA256\n${sdkDate}\n${createHash("sha256").update(canonical).digest("hex")}`;
  const expected = createHmac("sha256", secret).update(toSign).digest();
  return timingSafeEqual(expected, Buffer.from(signature, "hex")) ? "ok" : "signature mismatch";
}
