// The signer's primitives in Node.js (package.json `imports`, condition "node"): node:crypto's
// synchronous hash and HMAC. Node.js has Web Crypto too, but each crypto.subtle call there is an
// asynchronous job on the thread pool, and a signature needs three dependent ones: measured, they
// took 420 µs per request against 10 µs here, and made AK/SK calls 1.65–1.89× bare openapi-fetch
// (README, "AK/SK signing in Node.js and in browsers"). The algorithm (sdk-hmac-sha256.ts) is the
// same in every runtime; crypto-web.ts has these three functions on Web Crypto.
import { createHmac, createSecretKey, getHashes, hash, type KeyObject } from "node:crypto";
import type { SigningKey } from "./sdk-hmac-sha256.js";

/**
 * The secret as a KeyObject, made once per client: an opaque handle, like Web Crypto's CryptoKey.
 * Typed as the opaque SigningKey so that the published types need no Node.js type declarations.
 */
export const hmacKey = (secretKey: string): SigningKey => createSecretKey(secretKey, "utf8");

/** Lowercase hex SHA-256 of bytes, or of a string's UTF-8 bytes. */
// crypto.hash is the one-shot form (Node.js ≥ 20.12): no Hash object to build for a few hundred
// bytes, which took about as long as the hashing itself.
export const sha256Hex = (data: Uint8Array | string) => hash("sha256", data, "hex");

/** Lowercase hex HMAC-SHA256 of a string's UTF-8 bytes. */
export const hmacSha256Hex = (key: SigningKey, data: string) =>
  createHmac("sha256", key as KeyObject)
    .update(data)
    .digest("hex");

/**
 * Whether SM3 (for SDK-HMAC-SM3) is there: node:crypto has it when the OpenSSL it is built with does
 * (OpenSSL 3, the one Node.js ships, does; a Node.js built against a system OpenSSL without it may not).
 */
export const HAS_SM3 = getHashes().includes("sm3");

/** Lowercase hex SM3 (GB/T 32905) of bytes, or of a string's UTF-8 bytes. */
export const sm3Hex = (data: Uint8Array | string) => hash("sm3", data, "hex");

/** Lowercase hex HMAC-SM3 of a string's UTF-8 bytes. */
export const hmacSm3Hex = (key: SigningKey, data: string) =>
  createHmac("sm3", key as KeyObject)
    .update(data)
    .digest("hex");
