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

/** Web Crypto has no SM3: SDK-HMAC-SM3 cannot be signed or verified here (the client refuses the option). */
export const HAS_SM3 = false;

const noSm3 = (): never => {
  throw new Error(
    "SDK-HMAC-SM3 needs the SM3 hash, which Web Crypto does not have: sign with SDK-HMAC-SHA256 here, or use Node.js",
  );
};

/** Not available: see HAS_SM3. */
export const sm3Hex = (_data: Uint8Array | string): Promise<string> => noSm3();

/** Not available: see HAS_SM3. */
export const hmacSm3Hex = (_key: SigningKey, _data: string): Promise<string> => noSm3();
