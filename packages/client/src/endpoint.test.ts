import { describe, expect, it } from "vitest";
import { spec } from "../test/spec.js";
import { isLoopbackHost, REGION_NAME } from "./endpoint.js";

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

describe("REGION_NAME", () => {
  const regional = spec.servers.find((s: { variables?: { region?: unknown } }) => s.variables?.region);
  it.each(regional.variables.region.enum as string[])("fits the spec's region %s", (region) => {
    expect(REGION_NAME.test(region)).toBe(true);
  });
});
