// prepareRequest: the exact request an operation would send, built by the client's own code, with
// nothing sent; placeholders when there are no credentials.
import { RequestValidationError, saveInstanceAsImage } from "@notebook-image/client";
import { verifySignature } from "@notebook-image/client/signing";
import { describe, expect, expectTypeOf, it } from "vitest";
import { EXAMPLE_CREATE_PATH, EXAMPLE_INSTANCE_ID, EXAMPLE_PROJECT_ID } from "../test/spec-examples.js";
import {
  ACCESS_KEY_PLACEHOLDER,
  type PreparedRequest,
  prepareRequest,
  SIGNATURE_PLACEHOLDER,
} from "./dry-run.js";

const BODY = { name: "pytorch1_4", namespace: "atelier-auto" };
const BASE = "https://proxy.example.com/ma";
const expectedUrl = `${BASE}${EXAMPLE_CREATE_PATH}`;

describe("prepareRequest", () => {
  it("gives the request with a token as it would be sent", async () => {
    const prepared = await prepareRequest(
      { projectId: EXAMPLE_PROJECT_ID, baseUrl: BASE, auth: { token: "tok" }, headers: { "X-Trace": "1" } },
      saveInstanceAsImage,
      EXAMPLE_INSTANCE_ID,
      BODY,
      { headers: { Prefer: "code=200" } },
    );
    expect(prepared).toEqual({
      method: "POST",
      url: expectedUrl,
      headers: [
        ["content-type", "application/json"],
        ["prefer", "code=200"],
        ["x-auth-token", "tok"],
        ["x-trace", "1"],
      ],
      body: JSON.stringify(BODY),
    });
  });

  it("signs with a real access key pair exactly as a call does: a verifier accepts the prepared request", async () => {
    const prepared = await prepareRequest(
      { projectId: EXAMPLE_PROJECT_ID, baseUrl: BASE, auth: { accessKey: "AK", secretKey: "SK" } },
      saveInstanceAsImage,
      EXAMPLE_INSTANCE_ID,
      BODY,
    );
    const headers = Object.fromEntries([...prepared.headers, ["host", new URL(prepared.url).host]]);
    const verdict = await verifySignature(
      { method: prepared.method, url: prepared.url, headers, body: prepared.body },
      { secretKeyFor: (ak) => (ak === "AK" ? "SK" : undefined) },
    );
    expect(verdict).toMatchObject({ ok: true, accessKey: "AK" });
    expect(prepared.signing?.canonicalRequest.split("\n")[0]).toBe("POST");
    expect(headers.authorization).toContain(`Signature=${prepared.signing?.signature}`);
  });

  it("without credentials, shows what would be signed, with placeholders for the key and the signature", async () => {
    const prepared = await prepareRequest(
      { projectId: EXAMPLE_PROJECT_ID, baseUrl: BASE },
      saveInstanceAsImage,
      EXAMPLE_INSTANCE_ID,
      BODY,
    );
    const headers = Object.fromEntries(prepared.headers);
    expect(headers.authorization).toBe(
      `SDK-HMAC-SHA256 Access=${ACCESS_KEY_PLACEHOLDER}, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=${SIGNATURE_PLACEHOLDER}`,
    );
    expect(headers["x-project-id"]).toBe(EXAMPLE_PROJECT_ID);
    expect(prepared.signing).toMatchObject({
      signedHeaders: "content-type;host;x-project-id;x-sdk-date",
      signature: SIGNATURE_PLACEHOLDER,
      stringToSign: expect.stringMatching(
        new RegExp(`^SDK-HMAC-SHA256\\n${headers["x-sdk-date"]}\\n[0-9a-f]{64}$`),
      ),
    });
    expect(prepared.signing?.canonicalRequest).toContain(`\nhost:${new URL(BASE).host}\n`);
  });

  it("lists every problem of the options and the arguments at once, and sends nothing", async () => {
    const error = await prepareRequest(
      { projectId: "a/b", baseUrl: "ftp://x", timeoutMs: -1 },
      saveInstanceAsImage,
      "not-a-uuid",
      { name: "Bad", namespace: "atelier-auto" },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).issues.map((i) => i.path).sort()).toEqual(
      ["baseUrl", "instanceId", "name", "projectId", "timeoutMs"].sort(),
    );
  });

  it("refuses a token and an access key at once, even in a dry run", async () => {
    const error = await prepareRequest(
      { projectId: "p", auth: { token: "t", accessKey: "a" } as never },
      saveInstanceAsImage,
      EXAMPLE_INSTANCE_ID,
      BODY,
    ).catch((e: unknown) => e);
    expect((error as RequestValidationError).issues).toEqual([
      expect.objectContaining({ path: "auth", rule: "oneOf" }),
    ]);
  });

  it("takes an operation and its own arguments, typed (the CLI's tsc checks this file)", async () => {
    const prepared = prepareRequest({ projectId: "p" }, saveInstanceAsImage, EXAMPLE_INSTANCE_ID, BODY);
    expectTypeOf(prepared).resolves.toEqualTypeOf<PreparedRequest>();
    await expect(prepared).resolves.toMatchObject({ method: "POST" });
    await expect(
      // @ts-expect-error the body does not fit saveInstanceAsImage
      prepareRequest({ projectId: "p" }, saveInstanceAsImage, EXAMPLE_INSTANCE_ID, { name: "n" }),
    ).rejects.toBeInstanceOf(RequestValidationError);
  });
});
