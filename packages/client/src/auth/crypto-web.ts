// The signer's primitives in browsers, and in every runtime that does not match the "node"
// condition of package.json `imports`: Web Crypto (`crypto.subtle`, which a page has only in a
// secure context). The same three functions as crypto-node.ts, answering with promises.

import type { SigningKey } from "./sdk-hmac-sha256.js";

const encoder = new TextEncoder();

/** Lowercase hex of a digest or a signature. */
const hex = (buffer: ArrayBuffer) =>
  Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");

/** The secret as a non-extractable HMAC key, imported once per client. */
export const hmacKey = (secretKey: string): Promise<SigningKey> =>
  crypto.subtle.importKey("raw", encoder.encode(secretKey), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);

/** Lowercase hex SHA-256 of bytes, or of a string's UTF-8 bytes. */
export const sha256Hex = (data: Uint8Array | string) =>
  crypto.subtle
    .digest("SHA-256", (typeof data === "string" ? encoder.encode(data) : data) as BufferSource)
    .then(hex);

/** Lowercase hex HMAC-SHA256 of a string's UTF-8 bytes. */
export const hmacSha256Hex = (key: SigningKey, data: string) =>
  crypto.subtle.sign("HMAC", key as CryptoKey, encoder.encode(data)).then(hex);
