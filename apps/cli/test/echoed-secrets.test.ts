// A server (or a proxy) that quotes the request's credentials back in its error: the CLI never
// prints them. The token, AK and SK are known before the call; an AK/SK signature is made per
// request, and is scrubbed as well (it replays its request while its X-Sdk-Date is accepted).

import { type RecordingServer, startRecordingServer } from "@notebook-image/devkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../src/exit-codes.js";
import { ACCESS_KEY, runBin, SECRET_KEY, saveArgs } from "./cli.js";
import { expectClean } from "./expect-clean.js";

let echo: RecordingServer;
beforeAll(async () => {
  echo = await startRecordingServer({
    reply: (request) => ({
      status: 401,
      body: {
        error_code: "APIGW.0301",
        error_msg: `Incorrect IAM authentication information: got ${request.headers.authorization}`,
      },
    }),
  });
});
afterAll(() => echo.close());

const akSk = { HUAWEICLOUD_SDK_AK: ACCESS_KEY, HUAWEICLOUD_SDK_SK: SECRET_KEY };

describe("credentials a server echoes back", () => {
  it.each([[[]], [["--json"]]])("the signature sent is never printed (%j)", async (extra) => {
    const result = await runBin(saveArgs(echo.url, ...extra), akSk);
    expectClean(result);
    expect(result.code).toBe(ExitCode.api);
    const sent = echo.requests.at(-1)?.headers.authorization ?? "";
    const signature = /Signature=([0-9a-f]+)/.exec(sent)?.[1];
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    const output = result.stdout + result.stderr;
    expect(output).not.toContain(signature);
    expect(output).toContain("Signature=[redacted]");
  });
});
