// Auth as the API gateway does it. AK/SK requests go straight to the server (Prism's proxy rewrites
// Host and re-serialises the body, which breaks any signature); their responses are checked against
// the spec here. Signed by the real client, or by its signing module where a test needs a bad one.
import { createNotebookImageClient, ModelArtsApiError } from "@notebook-image/client";
import { formatSdkDate, signHeaders, signingKey } from "@notebook-image/client/signing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_NAMESPACE } from "../src/domain/seed.js";
import {
  assertMatchesSpec,
  DEV_CREDENTIALS,
  DEV_NOTEBOOK_ID,
  DEV_PROJECT_ID,
  type Harness,
  methodOf,
  pathOf,
  startHarness,
} from "./support/harness.js";
import { rawRequest } from "./support/raw-request.js";
import { startTestServer } from "./support/start-test-server.js";

const OTHER_PROJECT = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d";
const TEAM_TOKEN = "team-token-0123456789";
const TEAM_KEY = { accessKey: "TEAMACCESSKEY0000001", secretKey: "team-secret-key-never-logged" };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    transitions: { mode: "manual" },
    projectIds: [DEV_PROJECT_ID],
    tokens: [DEV_CREDENTIALS.token, TEAM_TOKEN],
    accessKeys: [{ accessKey: DEV_CREDENTIALS.accessKey, secretKey: DEV_CREDENTIALS.secretKey }, TEAM_KEY],
  });
});
afterAll(() => h?.close());

let counter = 0;
const body = () => ({ name: `auth-${++counter}`, namespace: DEV_NAMESPACE });
const createPath = (notebook: string, project = DEV_PROJECT_ID) =>
  pathOf("createImage", { project_id: project, id: notebook });

/** Headers of a request signed with the client's own signing code. */
async function signFor(
  url: URL,
  key: { accessKey: string; secretKey: string },
  text: string,
  date = new Date(),
) {
  const headers = new Headers({ "content-type": "application/json" });
  await signHeaders(
    await signingKey(key.secretKey),
    key.accessKey,
    { method: methodOf("createImage"), url: url.href, headers, body: new TextEncoder().encode(text) },
    date,
  );
  return headers;
}

/** Sends a create-image request signed as given; the response is checked against the spec. */
async function signed(
  path: string,
  key: { accessKey: string; secretKey: string },
  options: { date?: Date; tamper?: (headers: Headers) => void; base?: string } = {},
) {
  const url = new URL(path, options.base ?? h.server.url);
  const text = JSON.stringify(body());
  const headers = await signFor(url, key, text, options.date);
  options.tamper?.(headers);
  const response = await fetch(url, {
    method: "POST",
    headers,
    body: text,
    signal: AbortSignal.timeout(10_000),
  });
  const result = { status: response.status, headers: response.headers, body: await response.json() };
  assertMatchesSpec("POST", path, result);
  return result;
}

describe("token", () => {
  it("a configured token is accepted, through the proxy", async () => {
    const response = await h.api("POST", createPath(await h.newNotebook()), {
      body: body(),
      headers: { "x-auth-token": TEAM_TOKEN },
    });
    expect(response.status).toBe(200);
  });

  it("an unknown token is 401 APIGW.0301 with the reason, and a request_id", async () => {
    const response = await h.api("POST", createPath(await h.newNotebook()), {
      body: body(),
      headers: { "x-auth-token": `${TEAM_TOKEN}x` },
    });
    expect(response.status).toBe(401);
    expect(response.body.error_code).toBe("APIGW.0301");
    expect(response.body.error_msg).toContain("X-Auth-Token");
    expect(response.body.request_id).toBe(response.headers.get("x-request-id"));
  });

  // Prism's proxy answers a request without credentials itself, so these go straight to the server.
  it("no credentials at all is 401 APIGW.0301", async () => {
    const response = await h.direct("POST", createPath(await h.newNotebook()), {
      body: body(),
      auth: "none",
    });
    expect(response.status).toBe(401);
    expect(response.body.error_code).toBe("APIGW.0301");
  });

  it("a project the token does not belong to is 403 ModelArts.0210", async () => {
    const response = await h.api("POST", createPath(await h.newNotebook(), OTHER_PROJECT), { body: body() });
    expect(response.status).toBe(403);
    expect(response.body.error_code).toBe("ModelArts.0210");
  });

  it("authentication comes before validation: an invalid body without credentials is 401, not 400", async () => {
    const response = await h.direct("POST", createPath(await h.newNotebook()), {
      body: { name: 1 },
      auth: "none",
    });
    expect(response.status).toBe(401);
  });
});

describe("AK/SK", () => {
  it("a request signed by the real client is accepted", async () => {
    const client = createNotebookImageClient({
      baseUrl: h.server.url,
      projectId: DEV_PROJECT_ID,
      auth: TEAM_KEY,
    });
    const image = await client.saveInstanceAsImage(await h.newNotebook(), body());
    expect(image.status).toBe("INIT");
  });

  it("a signature made with another secret key is 401 APIGW.0301 saying the signature does not match", async () => {
    const response = await signed(createPath(await h.newNotebook()), { ...TEAM_KEY, secretKey: "wrong" });
    expect(response.status).toBe(401);
    expect(response.body.error_code).toBe("APIGW.0301");
    expect(response.body.error_msg).toMatch(/signature/);
  });

  it("a body changed after signing is refused", async () => {
    const notebook = await h.newNotebook();
    const url = new URL(createPath(notebook), h.server.url);
    const text = JSON.stringify(body());
    const headers = await signFor(url, DEV_CREDENTIALS, text);
    const response = await fetch(url, {
      method: "POST",
      headers,
      body: text.replace("auth-", "auth_"),
      signal: AbortSignal.timeout(10_000),
    });
    expect(response.status).toBe(401);
  });

  it("an unknown access key and a wrong signature get the same answer, the gateway's (no oracle of which keys exist)", async () => {
    const unknown = await signed(createPath(await h.newNotebook()), {
      accessKey: "NOSUCHKEY",
      secretKey: "x",
    });
    const wrong = await signed(createPath(await h.newNotebook()), { ...TEAM_KEY, secretKey: "x" });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error_code).toBe("APIGW.0301");
    expect(unknown.body.error_msg).toBe(
      "Incorrect IAM authentication information: verify aksk signature fail.",
    );
    expect(wrong.status).toBe(unknown.status);
    expect(wrong.body.error_msg).toBe(unknown.body.error_msg);
  });

  it("routes the path it verified: a path with dot segments is served as the path they resolve to, which is what was signed", async () => {
    const notebook = await h.newNotebook();
    const path = createPath(notebook);
    // The client signs the path as URL resolves it; the request goes out with the dot segments.
    const dotted = path.replace("/notebooks/", "/notebooks/elsewhere/../");
    const text = JSON.stringify(body());
    const headers = await signFor(new URL(path, h.server.url), DEV_CREDENTIALS, text);
    const response = await rawRequest(h.server.url, {
      method: "POST",
      path: dotted,
      headers: Object.fromEntries(headers),
      body: text,
    });
    expect(response.status).toBe(200);
    expect(response.body.status).toBe("INIT");
  });

  it("X-Sdk-Date 16 minutes off is 401 APIGW.0301; 14 minutes off is accepted", async () => {
    const skewed = await signed(createPath(await h.newNotebook()), DEV_CREDENTIALS, {
      date: new Date(Date.now() - 16 * 60_000),
    });
    expect(skewed.status).toBe(401);
    expect(skewed.body.error_msg).toContain("X-Sdk-Date");
    const near = await signed(createPath(await h.newNotebook()), DEV_CREDENTIALS, {
      date: new Date(Date.now() + 14 * 60_000),
    });
    expect(near.status).toBe(200);
  });

  it("a malformed X-Sdk-Date is refused", async () => {
    const response = await signed(createPath(await h.newNotebook()), DEV_CREDENTIALS, {
      tamper: (headers) => headers.set("x-sdk-date", formatSdkDate(new Date()).replace("T", "-")),
    });
    expect(response.status).toBe(401);
  });

  it("a project the access key does not belong to is 403 ModelArts.0210", async () => {
    const response = await signed(createPath(await h.newNotebook(), OTHER_PROJECT), DEV_CREDENTIALS);
    expect(response.status).toBe(403);
    expect(response.body.error_code).toBe("ModelArts.0210");
  });

  it("by default, bad signatures never lock an access key out (anyone who sees the key could)", async () => {
    for (let i = 0; i < 6; i++) {
      expect(
        (await signed(createPath(await h.newNotebook()), { ...TEAM_KEY, secretKey: "bad" })).status,
      ).toBe(401);
    }
    expect((await signed(createPath(await h.newNotebook()), TEAM_KEY)).status).toBe(200);
  });

  it("with lockOutAccessKeys, after 5 bad signatures in a row the access key is locked, even for a good one", async () => {
    const server = await startTestServer({
      lockOutAccessKeys: true,
      transitions: { mode: "manual" },
      accessKeys: [{ accessKey: DEV_CREDENTIALS.accessKey, secretKey: DEV_CREDENTIALS.secretKey }, TEAM_KEY],
    });
    try {
      const base = server.url;
      const notebookPath = pathOf("ShowNotebook", { project_id: DEV_PROJECT_ID, id: DEV_NOTEBOOK_ID });
      const show = async (key: { accessKey: string; secretKey: string }) => {
        const url = new URL(notebookPath, base);
        const headers = new Headers();
        await signHeaders(
          await signingKey(key.secretKey),
          key.accessKey,
          { method: "GET", url: url.href, headers, body: undefined },
          new Date(),
        );
        return rawRequest(base, { path: notebookPath, headers: Object.fromEntries(headers) });
      };
      for (let i = 0; i < 5; i++) expect((await show({ ...TEAM_KEY, secretKey: "bad" })).status).toBe(401);
      const locked = await show(TEAM_KEY);
      expect(locked.status).toBe(401);
      expect(locked.body.error_msg).toContain("locked");
      // Another key is not affected.
      expect((await show(DEV_CREDENTIALS)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("a client error is typed: the client sees ModelArtsApiError with the gateway's code", async () => {
    const client = createNotebookImageClient({
      baseUrl: h.server.url,
      projectId: DEV_PROJECT_ID,
      auth: { accessKey: DEV_CREDENTIALS.accessKey, secretKey: "not-the-secret" },
    });
    const error = await client.saveInstanceAsImage(await h.newNotebook(), body()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelArtsApiError);
    expect((error as ModelArtsApiError).errorCode).toBe("APIGW.0301");
  });
});
