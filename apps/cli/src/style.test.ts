import { describe, expect, it } from "vitest";
import { styleFor } from "./style.js";
import { forTerminal } from "./terminal-text.js";

describe("styleFor", () => {
  it("colours a terminal", () => {
    expect(forTerminal(styleFor({ isTTY: true }, {}).red("x"))).toBe("\u001b[31mx\u001b[39m");
  });

  it("does not colour a pipe or a file", () => {
    expect(styleFor({}, {}).red("x")).toBe("x");
  });

  it("honours a non-empty NO_COLOR and TERM=dumb, even on a terminal", () => {
    expect(styleFor({ isTTY: true }, { NO_COLOR: "1" }).bold("x")).toBe("x");
    expect(styleFor({ isTTY: true }, { TERM: "dumb" }).bold("x")).toBe("x");
    expect(forTerminal(styleFor({ isTTY: true }, { NO_COLOR: "" }).bold("x"))).toBe("\u001b[1mx\u001b[22m");
  });
});
