// --dry-run: checks, builds and shows the request, sends nothing, and never shows a secret.

import { type RecordingServer, startRecordingServer } from "@notebook-image/devkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ACCESS_KEY_PLACEHOLDER, SIGNATURE_PLACEHOLDER } from "../src/dry-run.js";
import { ACCESS_KEY, PROJECT_ID, runCli, SECRET_KEY, SECURITY_TOKEN, saveArgs, TOKEN } from "./cli.js";
import { expectClean } from "./expect-clean.js";
import { EXAMPLE_CREATE_PATH, EXAMPLE_IMAGE, EXAMPLE_REQUEST } from "./spec-examples.js";

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const akSkEnv = {
  HUAWEICLOUD_SDK_AK: ACCESS_KEY,
  HUAWEICLOUD_SDK_SK: SECRET_KEY,
  HUAWEICLOUD_SDK_SECURITY_TOKEN: SECURITY_TOKEN,
};

describe("--dry-run", () => {
  it("shows method, URL, headers (token redacted) and body, and sends nothing", async () => {
    const result = await runCli(
      saveArgs(server.url, "--dry-run", "--description", "from CI", "--header", "Prefer: code=400"),
      { NOTEBOOK_IMAGE_TOKEN: TOKEN },
    );
    expectClean(result);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`POST ${server.url}${EXAMPLE_CREATE_PATH}`);
    expect(result.stdout).toContain("x-auth-token: [redacted]");
    expect(result.stdout).toContain("content-type: application/json");
    expect(result.stdout).toContain("prefer: code=400");
    expect(result.stdout).toContain('"description": "from CI"');
    expect(server.requests).toHaveLength(0);
  });

  it("with AK/SK shows the signature's shape but not the key, signature or security token", async () => {
    const result = await runCli(saveArgs(server.url, "--dry-run", "--json"), akSkEnv);
    expectClean(result);
    expect(result.code).toBe(0);
    const preview = JSON.parse(result.stdout);
    expect(preview).toMatchObject({
      method: "POST",
      url: `${server.url}${EXAMPLE_CREATE_PATH}`,
      body: { name: EXAMPLE_REQUEST.name, namespace: EXAMPLE_REQUEST.namespace, tag: EXAMPLE_REQUEST.tag },
    });
    expect(preview.headers.authorization).toMatch(
      /^SDK-HMAC-SHA256 Access=\[redacted\], SignedHeaders=[a-z;-]*x-sdk-date[a-z;-]*, Signature=\[redacted\]$/,
    );
    expect(preview.headers["x-security-token"]).toBe("[redacted]");
    expect(preview.headers["x-sdk-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    expect(server.requests).toHaveLength(0);
  });

  it("redacts credentials passed by hand in --header too", async () => {
    const result = await runCli(
      saveArgs(server.url, "--dry-run", "--header", "Authorization: Bearer hand-made-secret-42"),
      { NOTEBOOK_IMAGE_TOKEN: TOKEN },
    );
    expectClean(result);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("authorization: [redacted]");
    expect(result.stdout).not.toContain("hand-made-secret-42");
  });

  it("works without credentials: placeholders stand in, and what would be signed is shown", async () => {
    const result = await runCli(saveArgs(server.url, "--dry-run"));
    expectClean(result);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `authorization: SDK-HMAC-SHA256 Access=${ACCESS_KEY_PLACEHOLDER}, SignedHeaders=`,
    );
    expect(result.stdout).toContain(`Signature=${SIGNATURE_PLACEHOLDER}`);
    expect(result.stdout).toMatch(/canonical request:\nPOST\n/);
    expect(result.stdout).toMatch(/string to sign:\nSDK-HMAC-SHA256\n\d{8}T\d{6}Z\n[0-9a-f]{64}\n/);
    expect(server.requests).toHaveLength(0);
  });

  it("shows the first request of the other commands too: the query of image list, DELETE with force", async () => {
    const connection = ["--project-id", PROJECT_ID, "--endpoint", server.url, "--dry-run", "--json"];
    const list = await runCli([
      "image",
      "list",
      "--type",
      "DEDICATED",
      "--name-fuzzy-match",
      "false",
      ...connection,
    ]);
    expectClean(list);
    expect(list.code).toBe(0);
    const listed = new URL(JSON.parse(list.stdout).url);
    expect(listed.searchParams.get("type")).toBe("DEDICATED");
    expect(listed.searchParams.get("name_fuzzy_match")).toBe("false");
    const remove = await runCli(["image", "delete", EXAMPLE_IMAGE.id, "--force", ...connection]);
    expect(remove.code).toBe(0);
    const deleted = JSON.parse(remove.stdout);
    expect(deleted.method).toBe("DELETE");
    expect(new URL(deleted.url).searchParams.get("force")).toBe("true");
    expect(server.requests).toHaveLength(0);
  });

  it("still validates: a bad value exits 2 and nothing is shown as if it would be sent", async () => {
    const result = await runCli(saveArgs(server.url, "--dry-run", "--tag", "a b"), {
      NOTEBOOK_IMAGE_TOKEN: TOKEN,
    });
    expectClean(result);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/--tag: must match pattern/);
    expect(server.requests).toHaveLength(0);
  });
});
