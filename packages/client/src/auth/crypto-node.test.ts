// The Node.js primitives against node:crypto's own HMAC: crypto-node.ts computes HMAC by RFC 2104's
// definition over the one-shot hash (for speed, see there), so it must give createHmac's answer for
// every key and message: keys shorter than a block, of exactly a block, longer (hashed first), and
// non-ASCII ones (UTF-8 bytes).
import { createHmac } from "node:crypto";
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hmacKey, hmacSha256Hex, hmacSm3Hex } from "./crypto-node.js";

/** ASCII, and characters of 2, 3 and 4 UTF-8 bytes (fast-check's full-Unicode unit takes seconds to set up). */
const character = fc.oneof(fc.string({ minLength: 1, maxLength: 1 }), fc.constantFrom("é", "中", "😀"));

const HMACS = [
  { name: "sha256", hmacHex: hmacSha256Hex },
  { name: "sm3", hmacHex: hmacSm3Hex },
] as const;

describe.each(HMACS)("HMAC-$name over the one-shot hash", ({ name, hmacHex }) => {
  const expected = (secret: string, data: string) => createHmac(name, secret).update(data).digest("hex");

  it("equals createHmac at and around the block size (64 bytes)", () => {
    for (const length of [0, 1, 40, 63, 64, 65, 128, 200]) {
      const secret = "k".repeat(length);
      expect(hmacHex(hmacKey(secret), "message"), `${length}-byte key`).toBe(expected(secret, "message"));
    }
  });

  it("equals createHmac for any key and message, one key signing several messages", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: character, maxLength: 150 }),
        fc.array(fc.string({ unit: character, maxLength: 300 }), { minLength: 1, maxLength: 3 }),
        (secret, messages) => {
          const key = hmacKey(secret);
          for (const data of messages) expect(hmacHex(key, data)).toBe(expected(secret, data));
        },
      ),
      { numRuns: 200 },
    );
  });
});

it("one key serves both hashes, each with its own padded key when the secret is longer than a block", () => {
  const secret = "s".repeat(100);
  const key = hmacKey(secret);
  expect(hmacSm3Hex(key, "x")).toBe(createHmac("sm3", secret).update("x").digest("hex"));
  expect(hmacSha256Hex(key, "x")).toBe(createHmac("sha256", secret).update("x").digest("hex"));
});

it("shows no byte of the secret when logged or serialised", () => {
  const secret = "VERY-SECRET-KEY-0123456789";
  const key = hmacKey(secret);
  hmacSha256Hex(key, "x");
  const shown = `${inspect(key, { showHidden: true, depth: 5 })} ${JSON.stringify(key)} ${String(Object.values(key))}`;
  expect(shown).not.toContain(secret);
  expect(shown).not.toContain(Buffer.from(secret).toString("hex"));
});
