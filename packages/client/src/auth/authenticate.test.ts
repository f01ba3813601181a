// The authenticator keeps per-client work (the secret prepared as a key once): what it signs must
// still be exactly what signHeaders signs for each request.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAuthenticator, signHeaders } from "./authenticate.js";
import { hmacKey } from "./crypto-node.js";

const SECRET = "test-secret-key";
const BASE = "https://modelarts.cn-north-4.myhuaweicloud.com/v1/p1";
const body = new TextEncoder().encode('{"name":"a"}');

afterEach(() => vi.useRealTimers());

describe("createAuthenticator (AK/SK)", () => {
  it("signs each request as signHeaders does, whatever URL and second came before", async () => {
    vi.useFakeTimers();
    const authenticate = createAuthenticator({ accessKey: "AK", secretKey: SECRET }, "p1");
    const requests = [
      { url: `${BASE}/images/x?limit=2&offset=0`, at: Date.UTC(2026, 0, 1, 8, 30, 0, 100) },
      { url: `${BASE}/images/y`, at: Date.UTC(2026, 0, 1, 8, 30, 0, 900) },
      { url: `${BASE}/images/y`, at: Date.UTC(2026, 0, 1, 8, 30, 1, 0) },
      { url: `${BASE}/images/x?limit=2&offset=0`, at: Date.UTC(2026, 0, 1, 8, 31, 0, 0) },
    ];
    for (const { url, at } of requests) {
      vi.setSystemTime(at);
      const headers = new Headers({ "content-type": "application/json" });
      await authenticate({ method: "POST", url, headers, body });
      const expected = new Headers({ "content-type": "application/json", "x-project-id": "p1" });
      await signHeaders(
        hmacKey(SECRET),
        "AK",
        { method: "POST", url, headers: expected, body },
        new Date(at),
      );
      expect(headers.get("x-sdk-date")).toBe(expected.get("x-sdk-date"));
      expect(headers.get("authorization")).toBe(expected.get("authorization"));
    }
  });
});
