// Known-answer vectors for SDK-HMAC-SHA256, worked out step by step from the algorithm's
// definition (shared/reference/api-facts.md). The expected canonical requests are written out by
// hand; the hashes and the HMAC are computed here with node:crypto, not with the signer. The
// vectors run against both primitive modules that `#crypto` can be: node:crypto (what Node.js
// loads) and Web Crypto (what browsers load; Node.js has it too).
import { createHash, createHmac } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from "vitest";
import {
  canonicalQueryString,
  canonicalRequest,
  canonicalUri,
  formatSdkDate,
  stringToSign,
} from "./sdk-hmac-sha256.js";

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string, data: string) => createHmac("sha256", key).update(data).digest("hex");

const PRIMITIVES = [
  { name: "node:crypto", module: "./crypto-node.js", usesWebCrypto: false },
  { name: "Web Crypto", module: "./crypto-web.js", usesWebCrypto: true },
] as const;

describe.each(PRIMITIVES)("SDK-HMAC-SHA256 known-answer vectors, on $name", (primitives) => {
  type Signer = typeof import("./sdk-hmac-sha256.js");
  type SigningKey = Parameters<Signer["signatureParts"]>[0];
  /** The Authorization value of a signature, computed by the signer as loaded with these primitives. */
  let sign: (
    key: SigningKey,
    accessKey: string,
    input: Parameters<Signer["signatureParts"]>[1],
  ) => Promise<string>;
  let hmacKey: (secretKey: string) => Promise<SigningKey> | SigningKey;
  let subtleDigest: MockInstance;

  beforeAll(async () => {
    // The signer as loaded where `#crypto` is this primitive module.
    vi.resetModules();
    vi.doMock("#crypto", () => import(primitives.module));
    const { signatureParts, authorizationHeader } = await import("./sdk-hmac-sha256.js");
    sign = async (key, accessKey, input) => {
      const { signedHeaders, signature } = await signatureParts(key, input);
      return authorizationHeader(accessKey, signedHeaders, signature, input.algorithm);
    };
    ({ hmacKey } = (await import(primitives.module)) as { hmacKey: typeof hmacKey });
    subtleDigest = vi.spyOn(globalThis.crypto.subtle, "digest");
  });
  afterAll(() => {
    vi.doUnmock("#crypto");
    // The files of a worker share its modules (isolate: false): the next one loads them afresh,
    // with the real `#crypto`.
    vi.resetModules();
    subtleDigest.mockRestore();
  });

  it("signs a create-image request (token-less AK/SK, JSON body)", async () => {
    const body = '{"name":"pytorch1_4","namespace":"atelier-auto","tag":"20221223"}';
    const url = new URL(
      "https://modelarts.cn-north-4.myhuaweicloud.com/v1/0f7a8e3b9c6d4e2f8a1b2c3d4e5f6a7b/notebooks/6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b/create-image",
    );
    const headers = {
      host: "modelarts.cn-north-4.myhuaweicloud.com",
      "X-Sdk-Date": "20221223T083000Z",
      "Content-Type": "application/json",
      "x-project-id": "0f7a8e3b9c6d4e2f8a1b2c3d4e5f6a7b",
    };

    // Step 1: the canonical request, by the definition: method, URI with a trailing slash, empty
    // query, sorted lowercase headers with a newline each, the signed header list, the body hash.
    const expectedCanonical = [
      "POST",
      "/v1/0f7a8e3b9c6d4e2f8a1b2c3d4e5f6a7b/notebooks/6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b/create-image/",
      "",
      "content-type:application/json\n" +
        "host:modelarts.cn-north-4.myhuaweicloud.com\n" +
        "x-project-id:0f7a8e3b9c6d4e2f8a1b2c3d4e5f6a7b\n" +
        "x-sdk-date:20221223T083000Z\n",
      "content-type;host;x-project-id;x-sdk-date",
      sha256(body),
    ].join("\n");
    const canonical = canonicalRequest({
      method: "post",
      url,
      signedHeaders: headers,
      bodySha256Hex: sha256(body),
    });
    expect(canonical.text).toBe(expectedCanonical);
    expect(canonical.signedHeaders).toBe("content-type;host;x-project-id;x-sdk-date");

    // Step 2: the string to sign.
    const expectedStringToSign = `SDK-HMAC-SHA256\n20221223T083000Z\n${sha256(expectedCanonical)}`;
    expect(stringToSign("20221223T083000Z", sha256(expectedCanonical))).toBe(expectedStringToSign);

    // Step 3: the signature and the Authorization header.
    const signature = hmac("MY-SECRET-KEY", expectedStringToSign);
    const authorization = await sign(await hmacKey("MY-SECRET-KEY"), "MY-ACCESS-KEY", {
      method: "POST",
      url,
      signedHeaders: headers,
      body: new TextEncoder().encode(body),
      sdkDate: "20221223T083000Z",
    });
    expect(authorization).toBe(
      `SDK-HMAC-SHA256 Access=MY-ACCESS-KEY, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=${signature}`,
    );
  });

  it("signs a GET with a query, an encoded path, a port and a security token", async () => {
    const url = new URL("http://127.0.0.1:4010/v1/p%20q/images/%C3%A9~x?z=1&a=b%20c&a=a&m=%2F");
    const headers = {
      Host: "127.0.0.1:4010",
      "X-Sdk-Date": "20240229T235959Z",
      "X-Security-Token": "  temp-token  ",
    };
    const expectedCanonical = [
      "GET",
      "/v1/p%20q/images/%C3%A9~x/",
      "a=a&a=b%20c&m=%2F&z=1",
      "host:127.0.0.1:4010\nx-sdk-date:20240229T235959Z\nx-security-token:temp-token\n",
      "host;x-sdk-date;x-security-token",
      sha256(""),
    ].join("\n");
    const signature = hmac("sk", `SDK-HMAC-SHA256\n20240229T235959Z\n${sha256(expectedCanonical)}`);
    const authorization = await sign(await hmacKey("sk"), "ak", {
      method: "GET",
      url,
      signedHeaders: headers,
      body: undefined,
      sdkDate: "20240229T235959Z",
    });
    expect(authorization).toBe(
      `SDK-HMAC-SHA256 Access=ak, SignedHeaders=host;x-sdk-date;x-security-token, Signature=${signature}`,
    );
  });

  it("hashes the exact body bytes, including non-ASCII text", async () => {
    const bytes = new TextEncoder().encode('{"description":"образ ✓"}');
    const url = new URL("https://h.example/x");
    const headers = { host: "h.example", "x-sdk-date": "20221223T083000Z" };
    const canonical = `POST\n/x/\n\nhost:h.example\nx-sdk-date:20221223T083000Z\n\nhost;x-sdk-date\n${sha256(bytes)}`;
    const signature = hmac("k", `SDK-HMAC-SHA256\n20221223T083000Z\n${sha256(canonical)}`);
    const authorization = await sign(await hmacKey("k"), "a", {
      method: "POST",
      url,
      signedHeaders: headers,
      body: bytes,
      sdkDate: "20221223T083000Z",
    });
    expect(authorization.endsWith(`Signature=${signature}`)).toBe(true);
  });

  it(`hashed with ${primitives.usesWebCrypto ? "" : "no "}call to crypto.subtle`, () => {
    expect(subtleDigest.mock.calls.length > 0).toBe(primitives.usesWebCrypto);
  });
});

describe("canonical parts", () => {
  it.each([
    ["/", "/"],
    ["/v1/abc", "/v1/abc/"],
    ["/v1/abc/", "/v1/abc/"],
    ["/a%2Fb/c", "/a%2Fb/c/"], // an encoded slash stays inside its segment
    ["/a b/!*'()", "/a%20b/%21%2A%27%28%29/"],
    ["/-_.~", "/-_.~/"],
  ])("canonicalUri(%j) = %j", (path, expected) => {
    expect(canonicalUri(path)).toBe(expected);
  });

  it("canonicalUri is each segment decoded and re-encoded per RFC 3986, the same text or the same URIError", () => {
    // The definition, segment by segment, as the reference the one-pass canonicalUri must equal.
    const escapeChar = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
    const bySegment = (path: string) => {
      const joined = path
        .split("/")
        .map((segment) => encodeURIComponent(decodeURIComponent(segment)).replace(/[!'()*]/g, escapeChar))
        .join("/");
      return joined.endsWith("/") ? joined : `${joined}/`;
    };
    const outcome = (canonical: (path: string) => string, path: string) => {
      try {
        return canonical(path);
      } catch (error) {
        return (error as Error).name;
      }
    };
    const paths = [
      "/v1/0f7a8e3b/notebooks/3f8e7b2a-1c4d/create-image",
      "/%41%42c/%7e/~", // escapes of unreserved characters are decoded
      "/a%2fb/%2F", // escapes of reserved ones stay, upper case
      "/%e4%b8%ad/%E4%B8%AD/中文/é", // UTF-8 escaped, lower or upper case, or not at all
      "/a b/!*'()/+=&;,:@$",
      "//double//slashes//",
      "/%", // malformed escapes and broken UTF-8: URIError either way
      "/ok/%zz",
      "/%E4a%B8%AD",
      "/%E4",
    ];
    for (const path of paths) expect(outcome(canonicalUri, path), path).toBe(outcome(bySegment, path));
    expect(outcome(canonicalUri, "/%")).toBe("URIError");
    // And on paths made of the pieces that matter, in any order.
    const piece = fc.constantFrom(
      "/",
      "a",
      "Z",
      "9",
      "-",
      "~",
      "%",
      "4",
      "1",
      "%41",
      "%2f",
      "%2F",
      "%e4",
      "%B8%AD",
      " ",
      "中",
      "!",
      "+",
      "%25",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const path = `/${pieces.join("")}`;
        expect(outcome(canonicalUri, path), path).toBe(outcome(bySegment, path));
      }),
      { numRuns: 2_000 },
    );
  });

  it.each([
    ["", ""],
    ["?", ""],
    ["?b=2&a=1", "a=1&b=2"],
    ["?a=2&a=1", "a=1&a=2"],
    ["?k=a+b", "k=a%20b"],
    ["?k=%E2%9C%93&empty=", "empty=&k=%E2%9C%93"],
  ])("canonicalQueryString(%j) = %j", (search, expected) => {
    expect(canonicalQueryString(search)).toBe(expected);
  });

  it.each([
    ["2022-12-23T08:30:00.000Z", "20221223T083000Z"],
    ["2024-02-29T23:59:59.999Z", "20240229T235959Z"],
  ])("formatSdkDate(%s) = %s", (iso, expected) => {
    expect(formatSdkDate(new Date(iso))).toBe(expected);
  });

  it("signs any header name, __proto__ too, and one of two spellings of a name (the last)", () => {
    // Parsed, so that __proto__ is an own property, as a header read from a request can be.
    const signedHeaders = JSON.parse('{"X-Sdk-Date":"d0","host":"h","__proto__":" p ","x-sdk-date":"d"}');
    const { text, signedHeaders: names } = canonicalRequest({
      method: "get",
      url: new URL("http://h/x"),
      signedHeaders,
      bodySha256Hex: "b",
    });
    expect(names).toBe("__proto__;host;x-sdk-date");
    expect(text).toBe("GET\n/x/\n\n__proto__:p\nhost:h\nx-sdk-date:d\n\n__proto__;host;x-sdk-date\nb");
  });
});
