// Huawei Cloud's "SDK-HMAC-SHA256" request signing (AK/SK), on Web Crypto so the same code runs
// in Node.js and browsers. Each step is a separate function so tests can check it on its own:
//   CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n
//                      SignedHeaders \n hex(sha256(body))
//   StringToSign     = "SDK-HMAC-SHA256" \n X-Sdk-Date \n hex(sha256(CanonicalRequest))
//   Signature        = hex(HMAC-SHA256(secretKey, StringToSign))

export const ALGORITHM = "SDK-HMAC-SHA256";
const encoder = new TextEncoder();

/** `20221223T083000Z`: the `X-Sdk-Date` format (UTC, basic ISO 8601, no fraction). */
export function formatSdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

/** RFC 3986 encoding: everything but `A-Za-z0-9-_.~` is percent-encoded (UTF-8). */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Each path segment decoded, then re-encoded per RFC 3986; a trailing `/` appended. */
export function canonicalUri(pathname: string): string {
  const path = pathname
    .split("/")
    .map((segment) => encodeRfc3986(decodeURIComponent(segment)))
    .join("/");
  return path.endsWith("/") ? path : `${path}/`;
}

/** Parameters sorted by name (then value), `name=value` encoded per RFC 3986, joined by `&`. */
export function canonicalQueryString(search: string): string {
  return [...new URLSearchParams(search)]
    .map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

/** The signed headers: lowercase names, sorted; values trimmed. */
export function canonicalHeaders(headers: Readonly<Record<string, string>>): {
  canonical: string;
  signedHeaders: string;
} {
  const names = Object.keys(headers)
    .map((name) => name.toLowerCase())
    .sort();
  const lookup = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    canonical: names.map((name) => `${name}:${(lookup[name] ?? "").trim()}\n`).join(""),
    signedHeaders: names.join(";"),
  };
}

export interface CanonicalRequestInput {
  method: string;
  url: URL;
  /** Exactly the headers to sign, by name (`host` and `x-sdk-date` at least). */
  signedHeaders: Readonly<Record<string, string>>;
  /** Hex SHA-256 of the exact body bytes sent (of the empty string when there is no body). */
  bodySha256Hex: string;
}

export function canonicalRequest(input: CanonicalRequestInput): { text: string; signedHeaders: string } {
  const { canonical, signedHeaders } = canonicalHeaders(input.signedHeaders);
  const text = [
    input.method.toUpperCase(),
    canonicalUri(input.url.pathname),
    canonicalQueryString(input.url.search),
    canonical,
    signedHeaders,
    input.bodySha256Hex,
  ].join("\n");
  return { text, signedHeaders };
}

export function stringToSign(sdkDate: string, canonicalRequestSha256Hex: string): string {
  return `${ALGORITHM}\n${sdkDate}\n${canonicalRequestSha256Hex}`;
}

export function authorizationHeader(accessKey: string, signedHeaders: string, signature: string): string {
  return `${ALGORITHM} Access=${accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
export function toHex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i] as number];
  return out;
}

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? encoder.encode(data) : data;
  return toHex(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
}

/** Imports the secret key once; reuse the result for every request of a client. */
export function importSigningKey(secretKey: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", encoder.encode(secretKey), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
}

export async function hmacSha256Hex(key: CryptoKey, text: string): Promise<string> {
  return toHex(await crypto.subtle.sign("HMAC", key, encoder.encode(text)));
}

export interface SignInput extends Omit<CanonicalRequestInput, "bodySha256Hex"> {
  body: Uint8Array | undefined;
  sdkDate: string;
}

/** Signs a request; returns the `Authorization` header value. */
export async function sign(key: CryptoKey, accessKey: string, input: SignInput): Promise<string> {
  const { text, signedHeaders } = canonicalRequest({
    ...input,
    bodySha256Hex: await sha256Hex(input.body ?? ""),
  });
  const signature = await hmacSha256Hex(key, stringToSign(input.sdkDate, await sha256Hex(text)));
  return authorizationHeader(accessKey, signedHeaders, signature);
}
