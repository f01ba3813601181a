import { describe, expect, it } from "vitest";
import { isLoopbackHost } from "./endpoint.js";

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
