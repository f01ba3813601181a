// `@notebook-image/client/signing` as a server uses it: verifySignature on what a Node.js HTTP
// server really received from the client, and on requests signed by hand with node:crypto (an
// independent computation of the algorithm), so that a verifier built on it accepts exactly the
// requests the gateway would.
import { createHash, createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNotebookImageClient, ModelArtsApiError } from "../src/index.js";
import {
  constantTimeEqual,
  MAX_CLOCK_SKEW_MS,
  parseAuthorization,
  parseSdkDate,
  type ReceivedRequest,
  type VerifyResult,
  verifySignature,
} from "../src/signing.js";
import { EXAMPLE_INSTANCE_ID, EXAMPLE_PROJECT_ID } from "./spec.js";

const AK = "SIGNINGTESTAK";
const SK = "signing-test-secret";
const secretKeyFor = (accessKey: string) => (accessKey === AK ? SK : undefined);

describe("verifySignature on what a Node.js server received from the client", () => {
  const verdicts: VerifyResult[] = [];
  const targets: string[] = [];
  let url: string;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const verdict = await verifySignature(
      { method: req.method ?? "", url: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks) },
      { secretKeyFor },
    );
    verdicts.push(verdict);
    targets.push(req.url ?? "");
    res.writeHead(verdict.ok ? 200 : 401, { "content-type": "application/json" });
    res.end(
      JSON.stringify(
        verdict.ok
          ? { id: "4e0d1854-63e5-4517-b683-a0ee97a692a1", name: "n", namespace: "ns", status: "INIT" }
          : { error_code: "APIGW.0301", error_msg: verdict.message },
      ),
    );
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const client = (fetch?: typeof globalThis.fetch, secretKey = SK) =>
    createNotebookImageClient({
      projectId: EXAMPLE_PROJECT_ID,
      baseUrl: url,
      auth: { accessKey: AK, secretKey },
      retry: false,
      ...(fetch ? { fetch } : {}),
    });
  const body = { name: "pytorch1_4", namespace: "atelier-auto", description: "образ ✓" };

  it("accepts a request signed by the client, with a body", async () => {
    await client().saveInstanceAsImage(EXAMPLE_INSTANCE_ID, body);
    expect(verdicts.at(-1)).toMatchObject({
      ok: true,
      accessKey: AK,
      signedHeaders: ["content-type", "host", "x-project-id", "x-sdk-date"],
    });
  });

  it("accepts a request with a query string signed by the client", async () => {
    // create-image takes no query: this one is only there to be signed (encoded, sorted).
    const params = {
      path: { project_id: EXAMPLE_PROJECT_ID, id: EXAMPLE_INSTANCE_ID },
      query: { b: "2 3", a: "ü/x" },
    };
    const { response } = await client().api.POST("/v1/{project_id}/notebooks/{id}/create-image", {
      params: params as { path: typeof params.path },
      body,
    });
    expect(targets.at(-1)).toMatch(/\?b=2(%20|\+)3&a=%C3%BC%2Fx$/);
    expect(response.status).toBe(200);
    expect(verdicts.at(-1)?.ok).toBe(true);
  });

  it.each([
    ["the body", (init: RequestInit & { headers: Headers }) => (init.body = '{"name":"other"}')],
    ["a signed header", (init: RequestInit & { headers: Headers }) => init.headers.set("x-project-id", "0")],
  ])("refuses a request whose %s changed after signing", async (_what, change) => {
    const tampering: typeof fetch = (input, init) => {
      const changed = { ...init, headers: new Headers(init?.headers) };
      change(changed);
      return fetch(input, changed);
    };
    await expect(client(tampering).saveInstanceAsImage(EXAMPLE_INSTANCE_ID, body)).rejects.toBeInstanceOf(
      ModelArtsApiError,
    );
    expect(verdicts.at(-1)).toMatchObject({ ok: false, reason: "signature-mismatch", accessKey: AK });
  });

  it("refuses a wrong secret key, and never says what the signature should have been", async () => {
    await expect(
      client(undefined, "wrong").saveInstanceAsImage(EXAMPLE_INSTANCE_ID, body),
    ).rejects.toMatchObject({
      status: 401,
    });
    const verdict = verdicts.at(-1);
    expect(verdict).toMatchObject({ ok: false, reason: "signature-mismatch" });
    expect(JSON.stringify(verdict)).not.toMatch(/[0-9a-f]{64}/);
  });
});

describe("verifySignature on requests signed by hand with node:crypto", () => {
  const now = Date.UTC(2022, 11, 23, 8, 30, 0);
  const sdkDate = "20221223T083000Z";
  const sha256 = (data: string) => createHash("sha256").update(data).digest("hex");
  const body = '{"name":"a"}';

  /** A request to `/v1/p/images?b=2&a=1`, signed by the algorithm's definition. */
  function handSigned(
    overrides: { signedHeaders?: string; secret?: string; date?: string } = {},
  ): ReceivedRequest {
    const date = overrides.date ?? sdkDate;
    const headers = { host: "h.example:8443", "x-sdk-date": date, "content-type": "application/json" };
    const signed = overrides.signedHeaders ?? "content-type;host;x-sdk-date";
    const names = signed.split(";");
    const canonical = [
      "POST",
      "/v1/p/images/",
      "a=1&b=2",
      names.map((n) => `${n}:${headers[n as keyof typeof headers]}\n`).join(""),
      signed,
      sha256(body),
    ].join("\n");
    const signature = createHmac("sha256", overrides.secret ?? SK)
      .update(`SDK-HMAC-SHA256\n${date}\n${sha256(canonical)}`)
      .digest("hex");
    return {
      method: "POST",
      url: "/v1/p/images?b=2&a=1",
      headers: {
        ...headers,
        authorization: `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=${signed}, Signature=${signature}`,
      },
      body,
    };
  }

  it("accepts it, from Node.js headers or a Headers object, with the body as text or bytes", async () => {
    const request = handSigned();
    expect(await verifySignature(request, { secretKeyFor, now })).toMatchObject({ ok: true, accessKey: AK });
    const asHeaders = { ...request, headers: new Headers(request.headers as Record<string, string>) };
    const asBytes = { ...asHeaders, body: new TextEncoder().encode(body) };
    expect((await verifySignature(asBytes, { secretKeyFor, now })).ok).toBe(true);
  });

  it.each([
    ["a changed method", (r: ReceivedRequest) => ({ ...r, method: "PUT" }), "signature-mismatch"],
    ["a changed path", (r: ReceivedRequest) => ({ ...r, url: "/v1/q/images?b=2&a=1" }), "signature-mismatch"],
    [
      "a changed query",
      (r: ReceivedRequest) => ({ ...r, url: "/v1/p/images?b=2&a=2" }),
      "signature-mismatch",
    ],
    ["a changed body", (r: ReceivedRequest) => ({ ...r, body: '{"name":"b"}' }), "signature-mismatch"],
    [
      "a changed signed header",
      (r: ReceivedRequest) => ({ ...r, headers: { ...r.headers, "content-type": "text/plain" } }),
      "signature-mismatch",
    ],
    [
      "no Authorization",
      (r: ReceivedRequest) => ({ ...r, headers: { ...r.headers, authorization: undefined } }),
      "missing-authorization",
    ],
    [
      "another scheme",
      (r: ReceivedRequest) => ({ ...r, headers: { ...r.headers, authorization: "Bearer x" } }),
      "malformed-authorization",
    ],
    [
      "an unknown access key",
      (r: ReceivedRequest) => ({
        ...r,
        headers: {
          ...r.headers,
          authorization: String((r.headers as Record<string, string>).authorization).replace(AK, "OTHER"),
        },
      }),
      "unknown-access-key",
    ],
  ])("refuses %s", async (_what, change, reason) => {
    expect(await verifySignature(change(handSigned()), { secretKeyFor, now })).toMatchObject({
      ok: false,
      reason,
    });
  });

  it("refuses a signature that leaves out host or x-sdk-date", async () => {
    for (const signedHeaders of ["content-type;x-sdk-date", "content-type;host"]) {
      expect(await verifySignature(handSigned({ signedHeaders }), { secretKeyFor, now })).toMatchObject({
        ok: false,
        reason: "unsigned-required-header",
      });
    }
  });

  it("allows X-Sdk-Date up to 15 minutes from the clock, not beyond, and refuses a malformed one", async () => {
    const request = handSigned();
    expect((await verifySignature(request, { secretKeyFor, now: now + MAX_CLOCK_SKEW_MS })).ok).toBe(true);
    expect((await verifySignature(request, { secretKeyFor, now: now - MAX_CLOCK_SKEW_MS })).ok).toBe(true);
    expect(
      await verifySignature(request, { secretKeyFor, now: now + MAX_CLOCK_SKEW_MS + 1000 }),
    ).toMatchObject({
      reason: "sdk-date-out-of-range",
    });
    expect(
      await verifySignature(handSigned({ date: "20221323T083000Z" }), { secretKeyFor, now }),
    ).toMatchObject({
      reason: "malformed-sdk-date",
    });
  });
});

describe("signing helpers", () => {
  it("parseAuthorization reads the algorithm and the three parts, and nothing else", () => {
    const signature = "ab".repeat(32);
    expect(
      parseAuthorization(`SDK-HMAC-SHA256 Access=AK1, SignedHeaders=Host;X-Sdk-Date, Signature=${signature}`),
    ).toEqual({
      algorithm: "SDK-HMAC-SHA256",
      accessKey: "AK1",
      signedHeaders: ["host", "x-sdk-date"],
      signature,
    });
    expect(
      parseAuthorization(`SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host, Signature=${signature.slice(2)}`),
    ).toBeUndefined();
    expect(parseAuthorization(undefined)).toBeUndefined();
  });

  it("parseSdkDate reads the X-Sdk-Date format and refuses impossible dates", () => {
    expect(parseSdkDate("20240229T235959Z")?.toISOString()).toBe("2024-02-29T23:59:59.000Z");
    expect(parseSdkDate("20230229T000000Z")).toBeUndefined();
    expect(parseSdkDate("2024-02-29T23:59:59Z")).toBeUndefined();
  });

  it("constantTimeEqual compares whole strings", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "ab")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
  });
});
