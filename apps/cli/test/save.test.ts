// A save against the Prism mock: what a user sees on success and on each error the API can return.

import { type RecordingServer, startRecordingServer } from "@notebook-image/devkit";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  ACCESS_KEY,
  INSTANCE_ID,
  PROJECT_ID,
  runCli,
  SECRET_KEY,
  SECURITY_TOKEN,
  saveArgs,
  TOKEN,
} from "./cli.js";
import { expectClean } from "./expect-clean.js";
import { EXAMPLE_CREATE_PATH, EXAMPLE_IMAGE, EXAMPLE_REQUEST } from "./spec-examples.js";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const ref = `${EXAMPLE_IMAGE.name}:${EXAMPLE_IMAGE.tag}`;

const apiUrl = inject("apiUrl");
const tokenEnv = { NOTEBOOK_IMAGE_TOKEN: TOKEN };

describe("a successful save", () => {
  it("prints a short summary: image id, name:tag, status and SWR path", async () => {
    const result = await runCli(saveArgs(apiUrl), tokenEnv);
    expectClean(result);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(new RegExp(`image id\\s+${escapeRegExp(EXAMPLE_IMAGE.id)}`));
    expect(result.stdout).toMatch(new RegExp(`image\\s+${escapeRegExp(ref)}`));
    expect(result.stdout).toMatch(new RegExp(`status\\s+${EXAMPLE_IMAGE.status}`));
    expect(result.stdout).toMatch(new RegExp(`SWR path\\s+${escapeRegExp(EXAMPLE_IMAGE.swr_path)}`));
    // How to follow the save, with the same connection flags: pasteable as it is.
    expect(result.stdout).toContain(
      `notebook-image wait ${EXAMPLE_IMAGE.id} --project-id ${PROJECT_ID} --endpoint ${apiUrl}`,
    );
  });

  it("prints the API's whole response with --json, fields the summary leaves out included", async () => {
    const result = await runCli(saveArgs(apiUrl, "--json"), tokenEnv);
    expectClean(result);
    expect(result.code).toBe(0);
    // The whole example, fields the summary leaves out (arch, dev_services, create_at...) included.
    expect(JSON.parse(result.stdout)).toEqual(EXAMPLE_IMAGE);
  });

  it("signs with AK/SK from the SDK variables, project id from HUAWEICLOUD_SDK_PROJECT_ID", async () => {
    const args = saveArgs(apiUrl).filter(
      (a, i, all) => a !== "--project-id" && all[i - 1] !== "--project-id",
    );
    const result = await runCli(args, {
      HUAWEICLOUD_SDK_AK: ACCESS_KEY,
      HUAWEICLOUD_SDK_SK: SECRET_KEY,
      HUAWEICLOUD_SDK_SECURITY_TOKEN: SECURITY_TOKEN,
      HUAWEICLOUD_SDK_PROJECT_ID: PROJECT_ID,
    });
    expectClean(result);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(ref);
  });

  describe("the body sent", () => {
    // A server that records what it gets and answers with the spec's example image.
    let recorder: RecordingServer;
    beforeAll(async () => {
      recorder = await startRecordingServer({ reply: { status: 200, body: EXAMPLE_IMAGE } });
    });
    afterAll(() => recorder.close());

    it("sends only the flags given: a minimal save has no tag and no default workspace", async () => {
      recorder.requests.length = 0;
      const { name, namespace } = EXAMPLE_REQUEST;
      const args = ["save", INSTANCE_ID, "--name", String(name), "--namespace", String(namespace)];
      const result = await runCli(
        [...args, "--project-id", PROJECT_ID, "--endpoint", recorder.url],
        tokenEnv,
      );
      expectClean(result);
      expect(result.code).toBe(0);
      expect(recorder.requests).toHaveLength(1);
      expect(JSON.parse(recorder.requests[0]?.body ?? "")).toEqual({ name, namespace });
    });

    it("sends every body flag as its field, with the value as typed", async () => {
      recorder.requests.length = 0;
      const flags = Object.entries(EXAMPLE_REQUEST).flatMap(([field, value]) => [
        `--${field.replaceAll("_", "-")}`,
        String(value),
      ]);
      const result = await runCli(
        ["save", INSTANCE_ID, ...flags, "--project-id", PROJECT_ID, "--endpoint", recorder.url],
        tokenEnv,
      );
      expectClean(result);
      expect(result.code).toBe(0);
      expect(JSON.parse(recorder.requests[0]?.body ?? "")).toEqual(EXAMPLE_REQUEST);
      expect(recorder.requests[0]?.url).toBe(`${EXAMPLE_CREATE_PATH}`);
    });
  });
});

describe("an API error exits 3 with the status, error_code, error_msg and a hint", () => {
  const cases = [
    {
      prefer: "code=400, example=InstanceNotRunning",
      status: 400,
      code: "ModelArts.6327",
      message: `The instance ${INSTANCE_ID} is not running.`,
      hint: "start the instance first",
    },
    {
      prefer: "code=400, example=ImageNameTagExists",
      status: 400,
      code: "ModelArts.2884",
      hint: "tag or name",
    },
    {
      prefer: "code=400, example=SwrOrganizationMissing",
      status: 400,
      code: "ModelArts.2885",
      hint: "SWR organization given as the namespace",
    },
    { prefer: "code=401", status: 401, code: "ModelArts.0203", message: "Invalid token.", hint: "token" },
    { prefer: "code=401, example=GatewayAuthFailed", status: 401, code: "APIGW.", hint: "gateway" },
    { prefer: "code=403", status: 403, code: "ModelArts.0108", hint: "permissions" },
    {
      prefer: "code=404",
      status: 404,
      code: "ModelArts.6404",
      message: "The resource does not exist.",
      hint: "instance id",
    },
    { prefer: "code=429", status: 429, code: "ModelArts.6101", hint: "busy" },
    {
      prefer: "code=500",
      status: 500,
      code: "ModelArts.0010",
      message: "Internal error.",
      hint: "before trying again",
    },
  ];

  for (const c of cases) {
    it(`Prefer: ${c.prefer} → HTTP ${c.status} ${c.code}`, async () => {
      // --retries 0: a 429 would otherwise be retried after the mock's Retry-After.
      const result = await runCli(
        saveArgs(apiUrl, "--header", `Prefer: ${c.prefer}`, "--retries", "0"),
        tokenEnv,
      );
      expectClean(result);
      expect(result.code).toBe(3);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain(`HTTP ${c.status} ${c.code}`);
      if (c.message) expect(result.stderr).toContain(c.message);
      expect(result.stderr).toMatch(new RegExp(`hint: .*${c.hint.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
      expect(result.stderr).toMatch(/request id: \S+/);
    });
  }

  it("with --json also prints the error as JSON on stdout, for scripts", async () => {
    const result = await runCli(
      saveArgs(apiUrl, "--json", "--header", "Prefer: code=400, example=InstanceStopped"),
      tokenEnv,
    );
    expectClean(result);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toMatchObject({
      name: "ModelArtsApiError",
      status: 400,
      errorCode: "ModelArts.6307",
      body: { error_code: "ModelArts.6307" },
    });
  });
});
