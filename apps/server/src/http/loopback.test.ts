import { describe, expect, it } from "vitest";
import { isLoopback } from "./loopback.js";

describe("isLoopback", () => {
  it("takes localhost, ::1 and 127.0.0.0/8, also IPv4-mapped as a dual-stack socket reports a peer", () => {
    for (const own of ["localhost", "LocalHost", "::1", "127.0.0.1", "127.255.1.2", "::ffff:127.0.0.1"]) {
      expect(isLoopback(own), own).toBe(true);
    }
  });

  it("refuses every other name and address, and no address at all", () => {
    for (const other of [
      undefined,
      "",
      "0.0.0.0",
      "::",
      "10.0.0.1",
      "::ffff:10.0.0.1",
      "127.example.com",
      "localhost.example.com",
      "128.0.0.1",
    ]) {
      expect(isLoopback(other), String(other)).toBe(false);
    }
  });
});
