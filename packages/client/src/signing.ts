// `@notebook-image/client/signing`: Huawei Cloud's SDK-HMAC-SHA256 and SDK-HMAC-SM3 (AK/SK) as a public module, so
// that a server can verify a received request with the very code the client signs with
// (src/auth/sdk-hmac-sha256.ts), not a second copy. In Node.js the hashes come from node:crypto.
import { HAS_SM3, hmacKey } from "#crypto";
import {
  formatSdkDate,
  SIGNING_ALGORITHMS,
  type SignatureParts,
  type SigningAlgorithm,
  type SigningKey,
  signatureParts,
} from "./auth/sdk-hmac-sha256.js";

export { signHeaders, type UnsignedRequest } from "./auth/authenticate.js";
export {
  ALGORITHM,
  authorizationHeader,
  type CanonicalRequestInput,
  canonicalQueryString,
  canonicalRequest,
  canonicalUri,
  encodeRfc3986,
  formatSdkDate,
  SIGNING_ALGORITHMS,
  type SignatureParts,
  type SignInput,
  type SigningAlgorithm,
  type SigningKey,
  signatureParts,
  stringToSign,
} from "./auth/sdk-hmac-sha256.js";

/** Whether this platform has SM3, so that SDK-HMAC-SM3 can be signed and verified (node:crypto with OpenSSL 3: yes; Web Crypto: no). */
export const SM3_AVAILABLE: boolean = HAS_SM3;

/** The secret key prepared for HMAC (a KeyObject in Node.js, a CryptoKey elsewhere). */
export const signingKey = async (secretKey: string): Promise<SigningKey> => hmacKey(secretKey);

/** How far `X-Sdk-Date` may be from the receiver's clock: the API gateway allows 15 minutes. */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;

/** Headers that every signature must cover. */
export const REQUIRED_SIGNED_HEADERS: readonly string[] = ["host", "x-sdk-date"];

/** The parts of an `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` header (or SDK-HMAC-SM3). */
export interface ParsedAuthorization {
  algorithm: SigningAlgorithm;
  accessKey: string;
  /** Lowercase names, in the order the header lists them. */
  signedHeaders: string[];
  /** Lowercase hex. */
  signature: string;
}

// Both digests are 256 bits: 64 hex digits.
const AUTHORIZATION = new RegExp(
  `^(${SIGNING_ALGORITHMS.join("|")}) +Access=([^,\\s]+), *SignedHeaders=([^,\\s]+), *Signature=([0-9a-fA-F]{64})$`,
);

/** The parts of an SDK-HMAC-SHA256 or SDK-HMAC-SM3 `Authorization` value, or undefined when it is not one. */
export function parseAuthorization(value: string | null | undefined): ParsedAuthorization | undefined {
  const match = AUTHORIZATION.exec(value?.trim() ?? "");
  if (!match) return undefined;
  const [, name, accessKey, list, signature] = match;
  // Each group of the expression matches whenever the expression does: this only tells TypeScript.
  const algorithm = SIGNING_ALGORITHMS.find((known) => known === name);
  if (!algorithm || !accessKey || !list || !signature) return undefined;
  return {
    algorithm,
    accessKey,
    signedHeaders: list.toLowerCase().split(";"),
    signature: signature.toLowerCase(),
  };
}

/** `20221223T083000Z` as a Date, or undefined when the value is not in the `X-Sdk-Date` format. */
export function parseSdkDate(value: string | null | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? "");
  if (!m) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  // Date.parse rolls 20220231 over to March: such a date is malformed, not valid.
  return Number.isNaN(date.getTime()) || formatSdkDate(date) !== value ? undefined : date;
}

/**
 * Whether two strings are equal, in a time that depends on their length only, not on where they
 * differ: compare a received signature with the expected one without telling an attacker how much
 * of it was right.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  // The length is no secret (a signature is always 64 hex digits); the contents are.
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/** A request as a server received it. */
export interface ReceivedRequest {
  method: string;
  /** The request target as received: path and query (`/v1/p/images?limit=1`), or an absolute URL. */
  url: string;
  /** The headers as received: a `Headers` or Node.js's `IncomingHttpHeaders` (lowercase names). */
  headers: Headers | Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The exact bytes of the body as received (not JSON parsed and serialised again). */
  body?: Uint8Array | string | undefined;
}

export interface VerifyOptions {
  /** The secret key of an access key; undefined when the access key is unknown. */
  secretKeyFor(accessKey: string): string | undefined | Promise<string | undefined>;
  /** The receiver's clock, in ms since the epoch. Default `Date.now()`. */
  now?: number;
  /** Default {@link MAX_CLOCK_SKEW_MS}. */
  maxClockSkewMs?: number;
}

/** Why a signature was refused. */
export type VerifyFailure =
  | "missing-authorization"
  | "malformed-authorization"
  | "unsupported-algorithm"
  | "unknown-access-key"
  | "unsigned-required-header"
  | "malformed-sdk-date"
  | "sdk-date-out-of-range"
  | "signature-mismatch";

export type VerifyResult =
  | { ok: true; accessKey: string; signedHeaders: string[]; sdkDate: Date; algorithm: SigningAlgorithm }
  | {
      ok: false;
      reason: VerifyFailure;
      /** Plain words, safe to send back or log: never the secret or the expected signature. */
      message: string;
      /** The access key named by the request, when it could be read (to count failures per key). */
      accessKey?: string;
    };

/** One header of a received request, `""` when absent; repeated values joined as `Headers` joins them. */
export function receivedHeader(headers: ReceivedRequest["headers"], name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === "string" ? value : value.join(", ");
  }
  return undefined;
}

/**
 * Verifies the SDK-HMAC-SHA256 signature of a received request the way Huawei's API gateway does:
 * the signature is recomputed from what arrived (method, path, query, the headers named in
 * `SignedHeaders`, the body bytes) and compared in constant time; `host` and `x-sdk-date` must be
 * signed, and `X-Sdk-Date` must be within {@link MAX_CLOCK_SKEW_MS} of now.
 */
export async function verifySignature(
  request: ReceivedRequest,
  options: VerifyOptions,
): Promise<VerifyResult> {
  const fail = (reason: VerifyFailure, message: string, accessKey?: string): VerifyResult => ({
    ok: false,
    reason,
    message,
    ...(accessKey === undefined ? {} : { accessKey }),
  });
  const header = receivedHeader(request.headers, "authorization");
  if (header === undefined || header === "") return fail("missing-authorization", "no Authorization header");
  const parsed = parseAuthorization(header);
  if (!parsed) {
    return fail(
      "malformed-authorization",
      `Authorization is not "<${SIGNING_ALGORITHMS.join(" or ")}> Access=…, SignedHeaders=…, Signature=<64 hex digits>"`,
    );
  }
  const { accessKey, algorithm } = parsed;
  if (algorithm === "SDK-HMAC-SM3" && !HAS_SM3)
    return fail("unsupported-algorithm", "SDK-HMAC-SM3 cannot be verified here: no SM3", accessKey);
  for (const name of REQUIRED_SIGNED_HEADERS) {
    if (!parsed.signedHeaders.includes(name))
      return fail("unsigned-required-header", `${name} must be signed`, accessKey);
  }
  const sdkDateText = receivedHeader(request.headers, "x-sdk-date");
  const sdkDate = parseSdkDate(sdkDateText);
  if (!sdkDate) return fail("malformed-sdk-date", "X-Sdk-Date is not YYYYMMDDTHHMMSSZ", accessKey);
  const skew = Math.abs((options.now ?? Date.now()) - sdkDate.getTime());
  if (skew > (options.maxClockSkewMs ?? MAX_CLOCK_SKEW_MS)) {
    return fail(
      "sdk-date-out-of-range",
      `X-Sdk-Date is ${Math.round(skew / 1000)} s from the server's clock`,
      accessKey,
    );
  }
  const secretKey = await options.secretKeyFor(accessKey);
  if (secretKey === undefined) return fail("unknown-access-key", "unknown access key", accessKey);

  const signedHeaders: Record<string, string> = {};
  for (const name of parsed.signedHeaders) signedHeaders[name] = receivedHeader(request.headers, name) ?? "";
  const { signature } = await expectedSignature(
    secretKey,
    request,
    signedHeaders,
    sdkDateText as string,
    algorithm,
  );
  return constantTimeEqual(signature, parsed.signature)
    ? { ok: true, accessKey, signedHeaders: parsed.signedHeaders, sdkDate, algorithm }
    : fail("signature-mismatch", "the signature does not match the request", accessKey);
}

/** The signature parts a request with these signed headers should carry. */
async function expectedSignature(
  secretKey: string,
  request: ReceivedRequest,
  signedHeaders: Record<string, string>,
  sdkDate: string,
  algorithm: SigningAlgorithm,
): Promise<SignatureParts> {
  const body = typeof request.body === "string" ? new TextEncoder().encode(request.body) : request.body;
  // No body and an empty one hash alike (the SHA-256 of no bytes).
  return signatureParts(await signingKey(secretKey), {
    method: request.method,
    // Only the path and the query are signed; the base stands in when the target is a bare path.
    url: new URL(request.url, "http://host.invalid"),
    signedHeaders,
    body,
    sdkDate,
    algorithm,
  });
}
