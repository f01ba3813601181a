// The spec's servers are the region catalogue (spec/regions.json, Huawei's SDK's ModelArtsRegion):
// every region of the catalogue has exactly one server URL in the spec, and it is the catalogue's.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadBundledSpec } from "../testing/index.js";

const catalogue = JSON.parse(readFileSync(new URL("../regions.json", import.meta.url), "utf8")) as {
  regions: Record<string, string>;
};
const spec = loadBundledSpec();

interface Server {
  url: string;
  variables?: { region?: { enum?: string[]; default?: string } };
}

/** Every URL the spec's servers give each region: the template's for its enum, a fixed URL for the one it names. */
function specUrls(servers: Server[]): Map<string, string[]> {
  const urls = new Map<string, string[]>();
  const add = (region: string, url: string) => urls.set(region, [...(urls.get(region) ?? []), url]);
  for (const server of servers) {
    const regions = server.variables?.region?.enum;
    if (regions) for (const region of regions) add(region, server.url.replace("{region}", region));
    else {
      const region = /^https:\/\/modelarts\.([a-z0-9-]+)\./.exec(server.url)?.[1];
      if (!region) throw new Error(`server ${server.url} names no region`);
      add(region, server.url);
    }
  }
  return urls;
}

describe("the spec's servers", () => {
  it("give each region of the catalogue its one URL, and no other region", () => {
    const urls = specUrls(spec.servers);
    expect(Object.fromEntries(urls)).toEqual(
      Object.fromEntries(Object.entries(catalogue.regions).map(([region, url]) => [region, [url]])),
    );
  });

  it("default to a region of the catalogue", () => {
    const template = (spec.servers as Server[]).find((s) => s.variables?.region);
    expect(Object.keys(catalogue.regions)).toContain(template?.variables?.region?.default);
  });

  it("would notice ap-southeast-1 back under the .com template (two URLs for one region)", () => {
    const servers: Server[] = structuredClone(spec.servers);
    servers[0]?.variables?.region?.enum?.push("ap-southeast-1");
    expect(specUrls(servers).get("ap-southeast-1")?.sort()).toEqual([
      "https://modelarts.ap-southeast-1.myhuaweicloud.cn",
      "https://modelarts.ap-southeast-1.myhuaweicloud.com",
    ]);
  });
});
