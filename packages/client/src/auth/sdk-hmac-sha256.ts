// Huawei Cloud's "SDK-HMAC-SHA256" request signing (AK/SK): one algorithm for every runtime. Its
// hash and HMAC come from the platform module `#crypto`, chosen by package.json `imports`:
// node:crypto in Node.js (synchronous, see crypto-node.ts for why), Web Crypto elsewhere.
// "SDK-HMAC-SM3" is the same canonical request with SM3 in place of SHA-256 (Huawei's SDK core,
// signer.py's SM3Signer), where the platform has SM3 (node:crypto with OpenSSL 3; not Web Crypto).
// Each step is a separate function so tests can check it on its own:
//   CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n
//                      SignedHeaders \n hex(sha256(body))
//   StringToSign     = "SDK-HMAC-SHA256" \n X-Sdk-Date \n hex(sha256(CanonicalRequest))
//   Signature        = hex(HMAC-SHA256(secretKey, StringToSign))

import { hmacSha256Hex, hmacSm3Hex, sha256Hex, sm3Hex } from "#crypto";

/** The signing algorithms of Huawei's API gateway this client speaks (the SDKs' HMAC_SHA256, HMAC_SM3). */
export type SigningAlgorithm = "SDK-HMAC-SHA256" | "SDK-HMAC-SM3";
export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ["SDK-HMAC-SHA256", "SDK-HMAC-SM3"];
/** The default algorithm, as in Huawei's SDKs. */
export const ALGORITHM: SigningAlgorithm = "SDK-HMAC-SHA256";

/** The hash and the HMAC of each algorithm. */
const PRIMITIVES = {
  "SDK-HMAC-SHA256": { hashHex: sha256Hex, hmacHex: hmacSha256Hex },
  "SDK-HMAC-SM3": { hashHex: sm3Hex, hmacHex: hmacSm3Hex },
} as const;

/** `20221223T083000Z`: the `X-Sdk-Date` format (UTC, basic ISO 8601, no fraction). */
export function formatSdkDate(date: Date): string {
  // From `2022-12-23T08:30:00.000Z`, the digits of the date and of the time, by position.
  const iso = date.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/** RFC 3986 encoding: everything but `A-Za-z0-9-_.~` is percent-encoded (UTF-8). */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * A run of what decoding and re-encoding per RFC 3986 may change: characters other than the
 * unreserved ones and `/`, and percent-escapes (`%41` becomes `A`, `%2f` becomes `%2F`).
 */
const NOT_UNRESERVED = /(?:%[0-9A-Fa-f]{2}|[^A-Za-z0-9\-._~/])+/g;

/**
 * Each path segment decoded, then re-encoded per RFC 3986; a trailing `/` appended. Unreserved
 * characters come out as they went in, so only the runs between them are decoded and re-encoded:
 * one pass over the path, and the same text (or the same URIError) as segment by segment.
 */
export function canonicalUri(pathname: string): string {
  const path = pathname.replace(NOT_UNRESERVED, (run) => encodeRfc3986(decodeURIComponent(run)));
  return path.endsWith("/") ? path : `${path}/`;
}

/** Parameters sorted by name (then value), `name=value` encoded per RFC 3986, joined by `&`. */
export function canonicalQueryString(search: string): string {
  // No query (create-image and most calls): nothing to parse, encode or sort. Parsing an empty query
  // with URLSearchParams took ~18 µs of a signature's ~60 between network calls (median, load ~19).
  if (search === "") return "";
  // Sorting "name value" sorts by name, then value: a space sorts before every character that
  // RFC 3986 encoding leaves, and none is left inside a name or a value.
  return [...new URLSearchParams(search)]
    .map(([name, value]) => `${encodeRfc3986(name)} ${encodeRfc3986(value)}`)
    .sort()
    .join("&")
    .replaceAll(" ", "=");
}

export interface CanonicalRequestInput {
  method: string;
  url: URL;
  /** Exactly the headers to sign, by name (`host` and `x-sdk-date` at least). */
  signedHeaders: Readonly<Record<string, string>>;
  /** Hex hash (SHA-256, or SM3 for SDK-HMAC-SM3) of the exact body bytes sent (of no bytes when there is no body). */
  bodySha256Hex: string;
}

export function canonicalRequest(input: CanonicalRequestInput): { text: string; signedHeaders: string } {
  // The signed headers: lowercase names, sorted; values trimmed. A Map, not an object: a header may
  // be called `__proto__`, and a Map of a few entries is cheaper than an object without prototype.
  const values = new Map<string, string>();
  for (const [name, value] of Object.entries(input.signedHeaders))
    values.set(name.toLowerCase(), value.trim());
  const names = Array.from(values.keys()).sort();
  const signedHeaders = names.join(";");
  // Each canonical header ends with a line feed, so an empty line follows the last one.
  let canonicalHeaders = "";
  for (const name of names) canonicalHeaders += `${name}:${values.get(name)}\n`;
  const text =
    `${input.method.toUpperCase()}\n${canonicalUri(input.url.pathname)}\n` +
    `${canonicalQueryString(input.url.search)}\n${canonicalHeaders}\n${signedHeaders}\n${input.bodySha256Hex}`;
  return { text, signedHeaders };
}

export function stringToSign(
  sdkDate: string,
  canonicalRequestSha256Hex: string,
  algorithm: SigningAlgorithm = ALGORITHM,
): string {
  return `${algorithm}\n${sdkDate}\n${canonicalRequestSha256Hex}`;
}

/**
 * The secret key prepared for HMAC by the platform's `hmacKey`: a KeyObject in Node.js, a
 * CryptoKey elsewhere. Opaque on purpose: only the platform module looks inside.
 */
export type SigningKey = object & { readonly __signingKey?: never };

export interface SignInput extends Omit<CanonicalRequestInput, "bodySha256Hex"> {
  body: Uint8Array | undefined;
  sdkDate: string;
  /** Default SDK-HMAC-SHA256. */
  algorithm?: SigningAlgorithm;
}

/** Every intermediate step of a signature, for a verifier (or a dry run) to show or compare. */
export interface SignatureParts {
  canonicalRequest: string;
  /** The sorted lowercase names of the signed headers joined by `;`, as `SignedHeaders=` carries them. */
  signedHeaders: string;
  stringToSign: string;
  /** Lowercase hex HMAC (SHA-256, or SM3) of the string to sign. */
  signature: string;
}

/**
 * Every step of a signature: the canonical request, the string to sign, and the HMAC of it. The
 * one implementation of the algorithm: the client signs with it (through signHeaders) and a
 * verifier recomputes with it.
 */
export async function signatureParts(key: SigningKey, input: SignInput): Promise<SignatureParts> {
  const algorithm = input.algorithm ?? ALGORITHM;
  const { hashHex, hmacHex } = PRIMITIVES[algorithm];
  const bodySha256Hex = await hashHex(input.body ?? "");
  const { method, url, signedHeaders: headers } = input;
  const { text, signedHeaders } = canonicalRequest({ method, url, signedHeaders: headers, bodySha256Hex });
  const toSign = stringToSign(input.sdkDate, await hashHex(text), algorithm);
  return {
    canonicalRequest: text,
    signedHeaders,
    stringToSign: toSign,
    signature: await hmacHex(key, toSign),
  };
}

/** The `Authorization` header value that carries a signature. */
export function authorizationHeader(
  accessKey: string,
  signedHeaders: string,
  signature: string,
  algorithm: SigningAlgorithm = ALGORITHM,
): string {
  return `${algorithm} Access=${accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}
