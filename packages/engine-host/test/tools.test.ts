import { afterEach, describe, expect, it, vi } from "vitest";
import { assertEngineHostCanRun, EngineHostUnavailableError } from "../src/tools.js";

describe("assertEngineHostCanRun", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("refuses a user who is not root, naming the uid, why, and the two ways on", () => {
    vi.spyOn(process, "getuid").mockReturnValue(65534);
    const refusal = () => assertEngineHostCanRun("podman");
    expect(refusal).toThrow(EngineHostUnavailableError);
    expect(refusal).toThrow("runs podman as root (this process runs as uid 65534)");
    expect(refusal).toThrow("newuidmap (Debian package uidmap)");
    expect(refusal).toThrow(
      "Run it as root, or use a Docker or Podman API you already have through DOCKER_HOST.",
    );
  });

  it("lets root through when every program is installed", () => {
    vi.spyOn(process, "getuid").mockReturnValue(0);
    expect(() => assertEngineHostCanRun("podman")).not.toThrow();
  });
});
