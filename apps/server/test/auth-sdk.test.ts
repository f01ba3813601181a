// What Huawei's SDKs send besides SDK-HMAC-SHA256 with a permanent key: SDK-HMAC-SM3 signatures
// and temporary credentials (AK/SK with X-Security-Token, signed). Signed by the real client
// (its SM3 and security token options), straight to the server (a proxy would break signatures).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEV_CREDENTIALS,
  DEV_PROJECT_ID,
  type DirectHarness,
  startDirectHarness,
} from "./support/harness.js";
import { type ClientAuth, signedSave } from "./support/signed-save.js";

const PERMANENT = { accessKey: DEV_CREDENTIALS.accessKey, secretKey: DEV_CREDENTIALS.secretKey };
const TEMPORARY = {
  accessKey: "HSTTEMPORARYKEY00001",
  secretKey: "temporary-secret-key-0123456789",
  securityToken: "gQpjbi1ub3J0aC00temporary-security-token",
};
const EXPIRED = {
  accessKey: "HSTEXPIREDKEY0000001",
  secretKey: "expired-secret-key-0123456789",
  securityToken: "gQpjbi1ub3J0aC00expired-security-token",
};

let h: DirectHarness;
beforeAll(async () => {
  h = await startDirectHarness({
    transitions: { mode: "manual" },
    projectIds: [DEV_PROJECT_ID],
    accessKeys: [PERMANENT],
    temporaryCredentials: [
      { ...TEMPORARY, expiresAt: new Date(Date.now() + 3_600_000) },
      { ...EXPIRED, expiresAt: new Date(Date.now() - 1000) },
    ],
  });
});
afterAll(() => h?.close());

let counter = 0;
/** A save of a new notebook with these credentials; the gateway's refusal as { status, code, message }. */
async function save(auth: ClientAuth) {
  return signedSave(h.server.url, auth, await h.newNotebook(), `sdk-${++counter}`);
}

describe("SDK-HMAC-SM3", () => {
  it("a request signed with SM3 by the real client is accepted", async () => {
    expect(await save({ ...PERMANENT, signingAlgorithm: "SDK-HMAC-SM3" })).toMatchObject({ status: 200 });
  });

  it("an SM3 signature made with another secret is 401 APIGW.0301", async () => {
    const wrong = {
      ...PERMANENT,
      secretKey: `${PERMANENT.secretKey}x`,
      signingAlgorithm: "SDK-HMAC-SM3" as const,
    };
    expect(await save(wrong)).toMatchObject({ status: 401, code: "APIGW.0301" });
  });
});

describe("temporary credentials", () => {
  it("are accepted with their security token, signed as Huawei's SDKs sign it", async () => {
    expect(await save(TEMPORARY)).toMatchObject({ status: 200 });
    expect(await save({ ...TEMPORARY, signingAlgorithm: "SDK-HMAC-SM3" })).toMatchObject({ status: 200 });
  });

  it("without their security token are 401 APIGW.0301, naming X-Security-Token", async () => {
    const { securityToken: _, ...withoutToken } = TEMPORARY;
    const refusal = await save(withoutToken);
    expect(refusal).toMatchObject({ status: 401, code: "APIGW.0301" });
    expect(refusal.message).toContain("X-Security-Token");
  });

  it("with another security token are 401 APIGW.0301, and the token is not quoted", async () => {
    const refusal = await save({ ...TEMPORARY, securityToken: EXPIRED.securityToken });
    expect(refusal).toMatchObject({ status: 401, code: "APIGW.0301" });
    expect(refusal.message).not.toContain(EXPIRED.securityToken);
  });

  it("once expired are 401 APIGW.0307 (the token must be updated), with the expiry", async () => {
    const refusal = await save(EXPIRED);
    expect(refusal).toMatchObject({ status: 401, code: "APIGW.0307" });
    expect(refusal.message).toMatch(/expired at \d{4}-\d{2}-\d{2}T/);
  });

  it("a security token sent with a permanent access key is 401 APIGW.0301", async () => {
    const refusal = await save({ ...PERMANENT, securityToken: TEMPORARY.securityToken });
    expect(refusal).toMatchObject({ status: 401, code: "APIGW.0301" });
    expect(refusal.message).toContain("not a temporary access key");
  });
});
