import { describe, expect, it } from "vitest";
import { isLoopbackHost, regionEndpointEnvName, regionEndpointsFromEnv, resolveBaseUrl } from "./endpoint.js";
import type { ValidationIssue } from "./errors.js";
import { REGION_ENDPOINTS, REGIONS } from "./generated/spec-facts.js";

describe("isLoopbackHost", () => {
  it.each(["localhost", "LOCALHOST", "app.localhost", "127.0.0.1", "127.255.0.9", "[::1]", "::1"])(
    "%s is loopback",
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    },
  );
  it.each([
    "localhost.example.com",
    "128.0.0.1",
    "10.0.0.1",
    "[::2]",
    "0.0.0.0",
    "example.com",
    "1.127.0.0.1",
  ])("%s is not", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe("resolveBaseUrl (region → endpoint)", () => {
  const resolve = (region: string, regionEndpoints?: Record<string, string>, baseUrl?: string) => {
    const issues: ValidationIssue[] = [];
    const url = resolveBaseUrl(issues, region, baseUrl, false, regionEndpoints);
    return { url, issues: issues.map((i) => i.message) };
  };

  it("takes Huawei's SDK catalogue: ap-southeast-1 is on .cn, the others on .com", () => {
    expect(resolve("ap-southeast-1").url).toBe("https://modelarts.ap-southeast-1.myhuaweicloud.cn");
    expect(resolve("cn-north-4").url).toBe("https://modelarts.cn-north-4.myhuaweicloud.com");
    expect(REGIONS).toHaveLength(22);
    expect(REGION_ENDPOINTS["ap-southeast-1"]).toBe("https://modelarts.ap-southeast-1.myhuaweicloud.cn");
  });

  it("sends a well-formed region the catalogue does not know to the spec's template", () => {
    expect(resolve("mars-1")).toEqual({ url: "https://modelarts.mars-1.myhuaweicloud.com", issues: [] });
  });

  it("refuses a malformed region name, with the nearest known one", () => {
    expect(resolve("cn_north_4").issues).toEqual([
      expect.stringMatching(/^region: must be a region name .*did you mean cn-north-4\?$/),
    ]);
  });

  it("lets regionEndpoints replace a region's endpoint (baseUrl still wins), with baseUrl's rules", () => {
    expect(resolve("ap-southeast-1", { "ap-southeast-1": "http://127.0.0.1:4020/" }).url).toBe(
      "http://127.0.0.1:4020",
    );
    expect(resolve("cn-north-4", { "ap-southeast-1": "http://127.0.0.1:4020" }).url).toBe(
      "https://modelarts.cn-north-4.myhuaweicloud.com",
    );
    expect(resolve("mars-1", { "mars-1": "https://proxy.example" }, "https://base.example").url).toBe(
      "https://base.example",
    );
    expect(resolve("mars-1", { "mars-1": "http://proxy.example" }).issues).toEqual([
      expect.stringMatching(/^regionEndpoints\.mars-1: must use https:\/\//),
    ]);
  });
});

describe("regionEndpointsFromEnv", () => {
  it("reads HUAWEICLOUD_SDK_REGION_MODELARTS_<REGION> as Huawei's SDKs do, and nothing else", () => {
    expect(
      regionEndpointsFromEnv({
        HUAWEICLOUD_SDK_REGION_MODELARTS_AP_SOUTHEAST_1: " http://127.0.0.1:4020 ",
        HUAWEICLOUD_SDK_REGION_MODELARTS_CN_NORTH_4: "",
        HUAWEICLOUD_SDK_REGION_ECS_CN_NORTH_4: "https://ecs.example",
        HUAWEICLOUD_SDK_AK: "AK",
      }),
    ).toEqual({ "ap-southeast-1": "http://127.0.0.1:4020" });
    expect(regionEndpointEnvName("ap-southeast-1")).toBe("HUAWEICLOUD_SDK_REGION_MODELARTS_AP_SOUTHEAST_1");
  });
});
