// Temporary credentials added through the control API (POST /_control/temporary-credentials, by
// createControlClient), as IAM's STS would issue them: the gateway then treats them as those of
// --temporary-credentials. Requests are signed by the real client, straight to the server.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ControlClient,
  ControlRequestError,
  createControlClient,
  type TemporaryCredential,
} from "../src/index.js";
import type { RunningServer } from "../src/server.js";
import { DEV_CREDENTIALS, DEV_PROJECT_ID } from "./support/harness.js";
import { type ClientAuth, signedSave } from "./support/signed-save.js";
import { startTestServer } from "./support/start-test-server.js";

const PERMANENT = { accessKey: DEV_CREDENTIALS.accessKey, secretKey: DEV_CREDENTIALS.secretKey };
const HOUR = 3_600_000;

let server: RunningServer;
let control: ControlClient;
const logLines: string[] = [];
const logStream = new Writable({
  write(chunk, _encoding, done) {
    logLines.push(String(chunk));
    done();
  },
});
beforeAll(async () => {
  server = await startTestServer({
    transitions: { mode: "manual" },
    projectIds: [DEV_PROJECT_ID],
    accessKeys: [PERMANENT],
    // Every level: a line that held a secret would be found.
    logStream,
    logLevel: "trace",
  });
  control = createControlClient(server.url);
});
afterAll(() => server?.close());

let counter = 0;
/** STS-shaped credentials with fresh values, expiring `expiresInMs` from now. */
function stsCredential(expiresInMs: number): TemporaryCredential {
  counter += 1;
  return {
    access: `HSTCONTROLKEY${String(counter).padStart(7, "0")}`,
    secret: `control-secret-key-${counter}-0123456789`,
    securitytoken: `gQpjbi1ub3J0aC00control-security-token-${counter}`,
    expires_at: new Date(Date.now() + expiresInMs).toISOString(),
  };
}

/** The client's AK/SK auth for STS-shaped credentials, with their own token, another one, or none (null). */
const authOf = (
  credential: TemporaryCredential,
  securityToken: string | null = credential.securitytoken,
) => ({
  accessKey: credential.access,
  secretKey: credential.secret,
  ...(securityToken === null ? {} : { securityToken }),
});

/** A save of a new notebook with these credentials; the gateway's refusal as { status, code, message }. */
async function save(auth: ClientAuth) {
  const notebook = await control.createNotebook();
  return signedSave(server.url, auth, notebook.id, `temporary-${++counter}`);
}

describe("temporary credentials added through the control API", () => {
  it("are accepted with their security token, and answered without their secrets", async () => {
    const credential = stsCredential(HOUR);
    const added = await control.addTemporaryCredential(credential);
    expect(added).toEqual({
      access: credential.access,
      expires_at: new Date(credential.expires_at).toISOString(),
    });
    expect(await save(authOf(credential))).toMatchObject({ status: 200 });
    expect(await save({ ...authOf(credential), signingAlgorithm: "SDK-HMAC-SM3" })).toMatchObject({
      status: 200,
    });
  });

  it("without their security token, or with another one, are 401 APIGW.0301", async () => {
    const credential = stsCredential(HOUR);
    await control.addTemporaryCredential(credential);
    const without = await save(authOf(credential, null));
    expect(without).toMatchObject({ status: 401, code: "APIGW.0301" });
    expect(without.message).toContain("X-Security-Token");
    const other = await save(authOf(credential, "gQpjbi1ub3J0aC00not-its-token"));
    expect(other).toMatchObject({ status: 401, code: "APIGW.0301" });
  });

  it("once expired are 401 APIGW.0307, with the expiry", async () => {
    const credential = stsCredential(-1000);
    await control.addTemporaryCredential(credential);
    const refusal = await save(authOf(credential));
    expect(refusal).toMatchObject({ status: 401, code: "APIGW.0307" });
    expect(refusal.message).toContain(`expired at ${new Date(credential.expires_at).toISOString()}`);
  });

  it("their token sent with a permanent access key is 401 APIGW.0301", async () => {
    const credential = stsCredential(HOUR);
    await control.addTemporaryCredential(credential);
    const refusal = await save({ ...PERMANENT, securityToken: credential.securitytoken });
    expect(refusal).toMatchObject({ status: 401, code: "APIGW.0301" });
    expect(refusal.message).toContain("not a temporary access key");
  });

  it("an access key the server accepts already is refused (409), and the first credentials stand", async () => {
    const credential = stsCredential(HOUR);
    await control.addTemporaryCredential(credential);
    const again = { ...stsCredential(HOUR), access: credential.access };
    await expect(control.addTemporaryCredential(again)).rejects.toMatchObject({
      httpStatus: 409,
      message: expect.stringContaining(credential.access),
    });
    await expect(
      control.addTemporaryCredential({ ...stsCredential(HOUR), access: PERMANENT.accessKey }),
    ).rejects.toMatchObject({ httpStatus: 409 });
    expect(await save(authOf(credential))).toMatchObject({ status: 200 });
    expect(await save(authOf(again))).toMatchObject({ status: 401, code: "APIGW.0301" });
  });

  it("a field that breaks its rule is refused (400) naming it, and no secret is quoted", async () => {
    const { securitytoken: _, ...withoutToken } = stsCredential(HOUR);
    const missing = await control
      .addTemporaryCredential(withoutToken as TemporaryCredential)
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ControlRequestError);
    expect(missing).toMatchObject({ httpStatus: 400, message: expect.stringContaining("securitytoken") });
    expect((missing as Error).message).not.toContain(withoutToken.secret);
    const badDate = await control
      .addTemporaryCredential({ ...stsCredential(HOUR), expires_at: "tomorrow" })
      .catch((error: unknown) => error);
    expect(badDate).toMatchObject({ httpStatus: 400, message: expect.stringContaining("expires_at") });
  });

  it("reset forgets them, not the credentials the server started with", async () => {
    const credential = stsCredential(HOUR);
    await control.addTemporaryCredential(credential);
    await control.reset();
    expect(await save(authOf(credential))).toMatchObject({ status: 401, code: "APIGW.0301" });
    expect(await save(PERMANENT)).toMatchObject({ status: 200 });
    // Added again after the reset: the access key is free.
    await control.addTemporaryCredential(credential);
    expect(await save(authOf(credential))).toMatchObject({ status: 200 });
  });

  it("never reach the log: no secret key nor security token in any line", async () => {
    const credential = stsCredential(HOUR);
    await control.addTemporaryCredential(credential);
    await save(authOf(credential));
    await save(authOf(credential, "gQpjbi1ub3J0aC00a-wrong-token"));
    const log = logLines.join("");
    expect(log).toContain("/_control/temporary-credentials");
    expect(log).not.toContain(credential.secret);
    expect(log).not.toContain(credential.securitytoken);
  });
});
