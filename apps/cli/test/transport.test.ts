// No answer: a refused connection and a timeout both exit 4, with no stack trace.

import { closedPortUrl, type RecordingServer, startRecordingServer } from "@notebook-image/devkit";
import { afterEach, describe, expect, it } from "vitest";
import { runBin, saveArgs, TOKEN } from "./cli.js";
import { expectClean } from "./expect-clean.js";

const tokenEnv = { NOTEBOOK_IMAGE_TOKEN: TOKEN };
let silent: RecordingServer | undefined;
afterEach(async () => {
  await silent?.close();
  silent = undefined;
});

describe("transport failures exit 4", () => {
  it("a refused connection is retried (it certainly was not processed), then reported", async () => {
    const result = await runBin(saveArgs(await closedPortUrl(), "--retries", "1"), tokenEnv);
    expectClean(result);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/ECONNREFUSED: trying again in \d+ s/);
    expect(result.stderr).toMatch(
      /error: could not reach the API: POST http:\/\/127\.0\.0\.1:\d+\/v1\/.* failed/,
    );
    expect(result.stderr).toContain("ECONNREFUSED");
  });

  it("a timeout is reported once, never retried, with a warning that the save may have happened", async () => {
    silent = await startRecordingServer({ answer: false });
    const result = await runBin(saveArgs(silent.url, "--timeout", "0.5"), tokenEnv);
    expectClean(result);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/timed out after 500 ms/);
    expect(result.stderr).toContain("check before trying again");
    expect(silent.requests).toHaveLength(1);
  });

  it("a host that does not exist (ENOTFOUND) is not retried, and the region is hinted", async () => {
    // .invalid never resolves (RFC 6761); the region's endpoint is set the way Huawei's SDKs read it.
    const env = { ...tokenEnv, HUAWEICLOUD_SDK_REGION_MODELARTS_MARS_1: "https://modelarts.mars-1.invalid" };
    const args = saveArgs("unused").slice(0, -2);
    const result = await runBin([...args, "--region", "mars-1"], env);
    expectClean(result);
    expect(result.code).toBe(4);
    expect(result.stderr).not.toMatch(/trying again/);
    expect(result.stderr).toContain("ENOTFOUND");
    expect(result.stderr).toContain(`"mars-1" is not one of Huawei's ModelArts regions (cn-north-1,`);
    expect(result.stderr).toContain("HUAWEICLOUD_SDK_REGION_MODELARTS_MARS_1=<url>");
  });
});

describe("HUAWEICLOUD_SDK_REGION_MODELARTS_<REGION>", () => {
  it("sends a region's calls to the endpoint the variable gives, as Huawei's SDKs do", async () => {
    silent = await startRecordingServer();
    const args = saveArgs("unused").slice(0, -2);
    const result = await runBin([...args, "--region", "ap-southeast-1", "--retries", "0"], {
      ...tokenEnv,
      HUAWEICLOUD_SDK_REGION_MODELARTS_AP_SOUTHEAST_1: silent.url,
    });
    expectClean(result);
    expect(silent.requests).toHaveLength(1);
    expect(silent.requests[0]?.url).toMatch(/^\/v1\/[^/]+\/notebooks\/[^/]+\/create-image$/);
  });

  it("names the variable when its endpoint is refused", async () => {
    const args = saveArgs("unused").slice(0, -2);
    const result = await runBin([...args, "--region", "ap-southeast-1"], {
      ...tokenEnv,
      HUAWEICLOUD_SDK_REGION_MODELARTS_AP_SOUTHEAST_1: "http://proxy.example",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("HUAWEICLOUD_SDK_REGION_MODELARTS_AP_SOUTHEAST_1: must use https://");
  });
});
