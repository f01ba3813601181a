// The one way the server compares secrets (tokens, passwords): as SHA-256 digests, in constant
// time. Digests have equal lengths, so neither the time taken nor a length check tells a caller
// anything about the secret, not even its length.
import { createHash, timingSafeEqual } from "node:crypto";

export function secretDigest(secret: string): Buffer {
  return createHash("sha256").update(secret).digest();
}

/** Two digests made by secretDigest, compared in constant time. */
export function sameDigest(a: Buffer, b: Buffer): boolean {
  return timingSafeEqual(a, b);
}

export function sameSecret(a: string, b: string): boolean {
  return sameDigest(secretDigest(a), secretDigest(b));
}
