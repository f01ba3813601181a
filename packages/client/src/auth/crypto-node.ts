// The signer's primitives in Node.js (package.json `imports`, condition "node"): node:crypto's
// synchronous one-shot hash. Node.js has Web Crypto too, but each crypto.subtle call there is an
// asynchronous job on the thread pool, and a signature needs three dependent ones: measured, they
// took 420 µs per request against 10 µs here, and made AK/SK calls 1.65–1.89× bare openapi-fetch
// (README, "AK/SK signing in Node.js and in browsers"). The algorithm (sdk-hmac-sha256.ts) is the
// same in every runtime; crypto-web.ts has these three functions on Web Crypto.
import { getHashes, hash } from "node:crypto";
import type { SigningKey } from "./sdk-hmac-sha256.js";

/** The hashes the signer uses: SHA-256, and SM3 for SDK-HMAC-SM3. */
type HashName = "sha256" | "sm3";

/** RFC 2104's block size B of both hashes, in bytes. */
const BLOCK_BYTES = 64;

/**
 * The secret ready for HMAC (RFC 2104), made once per client: for each hash, the key padded to a
 * block and XORed with ipad and with opad. HMAC is computed here by its definition over
 * crypto.hash, not with createHmac: createHmac sets up an OpenSSL HMAC context per call (three
 * digest contexts, each looking its hash up in OpenSSL 3's providers) behind a stream object, where
 * crypto.hash reuses the digest it looked up once. In the overhead benchmark's calls this took the
 * signing from 100–106 to 84–92 µs of wall time (median per call, two builds alternating, load
 * ~23), the signature unchanged. The fields are private: a logged key shows no byte of the secret.
 */
class HmacKey {
  readonly #secret: Buffer;
  readonly #pads = new Map<HashName, { inner: Buffer; outer: Buffer }>();

  constructor(secretKey: string) {
    this.#secret = Buffer.from(secretKey, "utf8");
  }

  /** Lowercase hex HMAC of a string's UTF-8 bytes: H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ data)). */
  hex(hashName: HashName, data: string): string {
    const { inner, outer } = this.#padsFor(hashName);
    const innerHash = hash(hashName, Buffer.concat([inner, Buffer.from(data, "utf8")]), "buffer");
    return hash(hashName, Buffer.concat([outer, innerHash]), "hex");
  }

  #padsFor(hashName: HashName): { inner: Buffer; outer: Buffer } {
    let pads = this.#pads.get(hashName);
    if (!pads) {
      // A key longer than a block is replaced by its hash; a shorter one is padded with zeros.
      const key = this.#secret.length > BLOCK_BYTES ? hash(hashName, this.#secret, "buffer") : this.#secret;
      const inner = Buffer.alloc(BLOCK_BYTES, 0x36);
      const outer = Buffer.alloc(BLOCK_BYTES, 0x5c);
      for (const [i, byte] of key.entries()) {
        inner[i] = 0x36 ^ byte;
        outer[i] = 0x5c ^ byte;
      }
      pads = { inner, outer };
      this.#pads.set(hashName, pads);
    }
    return pads;
  }
}

/**
 * The secret prepared for HMAC, made once per client: an opaque object, like Web Crypto's
 * CryptoKey. Typed as the opaque SigningKey so that the published types need no Node.js type
 * declarations.
 */
export const hmacKey = (secretKey: string): SigningKey => new HmacKey(secretKey);

/** Lowercase hex SHA-256 of bytes, or of a string's UTF-8 bytes. */
// crypto.hash is the one-shot form (Node.js ≥ 20.12): no Hash object to build for a few hundred
// bytes, which took about as long as the hashing itself.
export const sha256Hex = (data: Uint8Array | string) => hash("sha256", data, "hex");

/** Lowercase hex HMAC-SHA256 of a string's UTF-8 bytes. */
export const hmacSha256Hex = (key: SigningKey, data: string) => (key as HmacKey).hex("sha256", data);

/**
 * Whether SM3 (for SDK-HMAC-SM3) is there: node:crypto has it when the OpenSSL it is built with does
 * (OpenSSL 3, the one Node.js ships, does; a Node.js built against a system OpenSSL without it may not).
 */
export const HAS_SM3 = getHashes().includes("sm3");

/** Lowercase hex SM3 (GB/T 32905) of bytes, or of a string's UTF-8 bytes. */
export const sm3Hex = (data: Uint8Array | string) => hash("sm3", data, "hex");

/** Lowercase hex HMAC-SM3 of a string's UTF-8 bytes. */
export const hmacSm3Hex = (key: SigningKey, data: string) => (key as HmacKey).hex("sm3", data);
