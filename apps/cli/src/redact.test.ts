import { describe, expect, it } from "vitest";
import { REDACTED, redactHeader, scrub } from "./redact.js";

describe("redactHeader", () => {
  it("hides credential headers whatever their case, and leaves others alone", () => {
    expect(redactHeader("X-Auth-Token", "abc")).toBe(REDACTED);
    expect(redactHeader("x-security-token", "abc")).toBe(REDACTED);
    expect(redactHeader("Authorization", "Bearer abc")).toBe(REDACTED);
    expect(redactHeader("prefer", "code=400")).toBe("code=400");
  });

  it("keeps the shape of an SDK-HMAC-SHA256 Authorization but not its key or signature", () => {
    const value = "SDK-HMAC-SHA256 Access=AKXYZ, SignedHeaders=content-type;host;x-sdk-date, Signature=0a1b";
    expect(redactHeader("authorization", value)).toBe(
      `SDK-HMAC-SHA256 Access=${REDACTED}, SignedHeaders=content-type;host;x-sdk-date, Signature=${REDACTED}`,
    );
  });
});

describe("scrub", () => {
  it("replaces every occurrence of every secret, longest first", () => {
    expect(scrub("a secret-long b secret c", ["secret", "secret-long"])).toBe(
      `a ${REDACTED} b ${REDACTED} c`,
    );
  });

  it("leaves values too short to be real secrets, which would mangle the text", () => {
    expect(scrub("a b c", ["a", ""])).toBe("a b c");
  });
});
