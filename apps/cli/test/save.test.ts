// A save against the Prism mock: what a user sees on success and on each error the API can return.
import { describe, expect, inject, it } from "vitest";
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

const apiUrl = inject("apiUrl");
const tokenEnv = { NOTEBOOK_IMAGE_TOKEN: TOKEN };

describe("a successful save", () => {
  it("prints a short summary: image id, name:tag, status and SWR path", async () => {
    const result = await runCli(saveArgs(apiUrl), tokenEnv);
    expectClean(result);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/image id\s+4e0d1854-63e5-4517-b683-a0ee97a692a1/);
    expect(result.stdout).toMatch(/image\s+pytorch1_4:20221223/);
    expect(result.stdout).toMatch(/status\s+INIT/);
    expect(result.stdout).toMatch(/SWR path\s+swr\.xxxxx\.com\/atelier-auto\/pytorch1_4:20221223/);
  });

  it("prints the API's whole response with --json, fields the summary leaves out included", async () => {
    const result = await runCli(saveArgs(apiUrl, "--json"), tokenEnv);
    expectClean(result);
    expect(result.code).toBe(0);
    const image = JSON.parse(result.stdout);
    expect(image).toMatchObject({
      id: "4e0d1854-63e5-4517-b683-a0ee97a692a1",
      name: "pytorch1_4",
      namespace: "atelier-auto",
      tag: "20221223",
      status: "INIT",
      arch: "x86_64",
      dev_services: ["SSH", "NOTEBOOK"],
      create_at: 1671786468811,
    });
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
    expect(result.stdout).toContain("pytorch1_4:20221223");
  });

  it("sends only the flags given: a minimal save has no tag", async () => {
    const result = await runCli(
      [
        "save",
        INSTANCE_ID,
        "--name",
        "n",
        "--namespace",
        "o",
        "--project-id",
        PROJECT_ID,
        "--endpoint",
        apiUrl,
      ],
      tokenEnv,
    );
    expectClean(result);
    expect(result.code).toBe(0);
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
