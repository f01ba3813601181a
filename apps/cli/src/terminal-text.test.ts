import { describe, expect, it } from "vitest";
import { forTerminal, own, pieces, printable } from "./terminal-text.js";

describe("forTerminal", () => {
  it("shows every C0 (but tab and line feed), DEL and C1 control as a visible escape", () => {
    expect(printable("a\u001b]0;t\u0007\r\u009b\u007f\tb\n")).toBe("a\\x1b]0;t\\x07\\x0d\\x9b\\x7f\tb\n");
  });

  it("lets the CLI's own sequences through, and only those", () => {
    expect(forTerminal(`${own("\u001b[1m")}x\u001b[1my${own("\r")}`)).toBe("\u001b[1mx\\x1b[1my\r");
  });

  it("does not take a marker from outside, which cannot know this run's key", () => {
    const forged = own("\u001b[2J").replace(/\uE000[0-9a-f]+:/, "\uE000000000000000000000000000:");
    expect(forTerminal(forged)).not.toContain("\u001b");
  });

  it("tells the CLI's own sequences apart from the text", () => {
    expect(pieces(`a${own("\u001b[1m")}b`).map((p) => [p.own, forTerminal(p.text)])).toEqual([
      [false, "a"],
      [true, "\u001b[1m"],
      [false, "b"],
    ]);
  });
});
