// Bad input and missing credentials: exit 2, every problem named by its flag, and nothing sent.
// The endpoint is a local server that counts requests, so "nothing sent" is observed, not assumed.

import { DEFAULT_REGION } from "@notebook-image/client";
import { type RecordingServer, startRecordingServer } from "@notebook-image/devkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ACCESS_KEY, INSTANCE_ID, PROJECT_ID, runCli, SECRET_KEY, saveArgs, TOKEN } from "./cli.js";
import { expectClean } from "./expect-clean.js";

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const tokenEnv = { NOTEBOOK_IMAGE_TOKEN: TOKEN };

/** The problem lines of a usage error, `subject: message`, in order. */
const problemLines = (stderr: string) =>
  stderr
    .split("\n")
    .filter((line) => line.startsWith("  "))
    .map((line) => line.trim());

describe("invalid values", () => {
  it("lists every problem at once, each named by its flag and rule, and sends nothing", async () => {
    const result = await runCli(
      [
        "save",
        "not-a-uuid",
        "--name",
        "Bad_Name-",
        "--namespace",
        "9org",
        "--tag",
        "v1,latest",
        "--description",
        "x".repeat(513),
        "--workspace-id",
        "12",
        "--project-id",
        PROJECT_ID,
        "--endpoint",
        server.url,
      ],
      tokenEnv,
    );
    expectClean(result);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("6 problems; nothing was sent");
    const lines = problemLines(result.stderr);
    expect(lines).toHaveLength(6);
    expect(lines).toEqual(
      expect.arrayContaining([
        "<instance-id>: must be a UUID",
        expect.stringMatching(/^--name: must match pattern \^\[a-z0-9\]/),
        expect.stringMatching(/^--namespace: must match pattern/),
        expect.stringMatching(/^--tag: must match pattern/),
        "--description: must be at most 512 characters (got 513)",
        expect.stringMatching(/^--workspace-id: must match pattern/),
      ]),
    );
    expect(server.requests).toHaveLength(0);
  });

  it("with --json, prints the problems as one JSON object on stdout too", async () => {
    const result = await runCli(
      ["save", "not-a-uuid", "--name", "n", "--namespace", "o", "--project-id", PROJECT_ID, "--json"],
      tokenEnv,
    );
    expectClean(result);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      name: "UsageError",
      message: "1 problem; nothing was sent",
      exitCode: 2,
      problems: [{ subject: "<instance-id>", message: "must be a UUID" }],
    });
  });

  it("names missing required flags", async () => {
    const result = await runCli(
      ["save", INSTANCE_ID, "--tag", "", "--project-id", PROJECT_ID, "--endpoint", server.url],
      tokenEnv,
    );
    expectClean(result);
    expect(result.code).toBe(2);
    expect(problemLines(result.stderr)).toEqual(
      expect.arrayContaining(["--name: is required", "--namespace: is required", "--tag: must not be empty"]),
    );
    expect(server.requests).toHaveLength(0);
  });

  it("reports command-line mistakes together with invalid values", async () => {
    const result = await runCli(
      [
        "save",
        INSTANCE_ID,
        "--nmae",
        "x",
        "--namespace",
        "--tag",
        "--header",
        "no colon",
        "--timeout",
        "soon",
      ].concat(["--region", "cn-north-4", "--endpoint", server.url, "--project-id", PROJECT_ID]),
      tokenEnv,
    );
    expectClean(result);
    expect(result.code).toBe(2);
    expect(problemLines(result.stderr)).toEqual(
      expect.arrayContaining([
        "--nmae: unknown option; did you mean --name?",
        expect.stringMatching(/^--namespace: needs a value, got the option-like '--tag'/),
        "--header: 'no colon' is not of the form 'Name: value'",
        "--timeout: must be a positive number of seconds, got 'soon'",
        "--endpoint: give either --region or --endpoint, not both",
      ]),
    );
    expect(server.requests).toHaveLength(0);
  });

  it("refuses a plain http endpoint that is not loopback, naming --endpoint", async () => {
    const result = await runCli(saveArgs("http://example.com"), tokenEnv);
    expectClean(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--endpoint: must use https://");
  });

  it("does not echo the password of an endpoint it cannot parse", async () => {
    const result = await runCli(saveArgs("https://user:hunter2-secret@[::1:4010/"), tokenEnv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--endpoint: must be an absolute http(s) URL");
    expect(result.stderr).not.toContain("hunter2-secret");
    expect(server.requests).toHaveLength(0);
  });

  it.each(["Transfer-Encoding: chunked", "Connection: close", "Host: evil.example", "Content-Length: 5"])(
    "refuses --header '%s', which the connection sets: a usage error, not 'could not reach the API'",
    async (header) => {
      const result = await runCli(saveArgs(server.url, "--header", header), tokenEnv);
      expectClean(result);
      expect(result.code).toBe(2);
      const name = header.split(":")[0];
      expect(problemLines(result.stderr)).toEqual([
        `--header: ${name} cannot be set: the HTTP connection sets it (a hop-by-hop, framing or host header)`,
      ]);
      expect(server.requests).toHaveLength(0);
    },
  );

  it("refuses a malformed region, naming --region and the nearest known one", async () => {
    const args = ["save", INSTANCE_ID, "--name", "n", "--namespace", "o", "--project-id", PROJECT_ID];
    const known = DEFAULT_REGION;
    const result = await runCli([...args, "--region", known.replaceAll("-", "_")], tokenEnv);
    expectClean(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--region: must be a region name`);
    expect(result.stderr).toContain(`did you mean ${known}?`);
  });

  it("names the source of a bad project id", async () => {
    const result = await runCli(
      saveArgs(server.url).map((a) => (a === PROJECT_ID ? "../admin" : a)),
      tokenEnv,
    );
    expectClean(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--project-id: must match pattern/);
    expect(server.requests).toHaveLength(0);
  });
});

describe("credentials", () => {
  it("without any, lists every way to give them and sends nothing", async () => {
    const result = await runCli(saveArgs(server.url));
    expectClean(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "credentials: none found: use --token-file, or set NOTEBOOK_IMAGE_TOKEN, or set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK",
    );
    expect(server.requests).toHaveLength(0);
  });

  it("names the missing half of an access key pair", async () => {
    const result = await runCli(saveArgs(server.url), { HUAWEICLOUD_SDK_AK: ACCESS_KEY });
    expectClean(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/HUAWEICLOUD_SDK_SK: missing/);
    expect(server.requests).toHaveLength(0);
  });

  it("asks for the project id by flag, variable or profile", async () => {
    const args = saveArgs(server.url).filter((a) => a !== "--project-id" && a !== PROJECT_ID);
    const result = await runCli(args, { HUAWEICLOUD_SDK_AK: ACCESS_KEY, HUAWEICLOUD_SDK_SK: SECRET_KEY });
    expectClean(result);
    expect(result.code).toBe(2);
    expect(problemLines(result.stderr)).toEqual([
      "--project-id: missing: give --project-id, set HUAWEICLOUD_SDK_PROJECT_ID, or keep it in a profile (notebook-image configure)",
    ]);
    expect(server.requests).toHaveLength(0);
  });

  it("reports a missing token file without sending anything", async () => {
    const result = await runCli(saveArgs(server.url, "--token-file", "/nonexistent/token"));
    expectClean(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--token-file: cannot read /nonexistent/token: no such file");
    expect(server.requests).toHaveLength(0);
  });

  it("still checks everything else when credentials are missing, so one run shows every problem", async () => {
    const result = await runCli([
      "save",
      "not-a-uuid",
      "--name",
      "UPPER",
      "--namespace",
      "o",
      "--project-id",
      PROJECT_ID,
      "--endpoint",
      "http://example.com",
    ]);
    expectClean(result);
    expect(result.code).toBe(2);
    expect(problemLines(result.stderr)).toEqual([
      expect.stringMatching(/^credentials: none found/),
      expect.stringMatching(/^--endpoint: must use https:\/\//),
      "<instance-id>: must be a UUID",
      expect.stringMatching(/^--name: must match pattern/),
    ]);
  });
});
