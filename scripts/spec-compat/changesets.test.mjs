// Which released spec is the newest, and which pending changesets declare a major release.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { majorChangesets, newestRelease } from "./changesets.mjs";

/** @type {string[]} */
const dirs = [];
const dirWith = (/** @type {Record<string, string>} */ files) => {
  const dir = mkdtempSync(join(tmpdir(), "spec-compat-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("newestRelease", () => {
  it("compares versions as numbers and ignores other files", () => {
    const dir = dirWith({ "1.9.0.json": "{}", "1.10.0.json": "{}", "2.0.0-rc.1.json": "{}", "notes.md": "" });
    expect(newestRelease(dir)).toBe("1.10.0");
  });
  it("is undefined when nothing was released", () => {
    expect(newestRelease(dirWith({ "README.md": "" }))).toBeUndefined();
  });
});

describe("majorChangesets", () => {
  const SPEC = "@notebook-image/spec";
  it("finds the changesets that declare a major release of the package, quoted or not", () => {
    const dir = dirWith({
      "double.md": `---\n"${SPEC}": major\n---\n\nBreaks callers.\n`,
      "single.md": `---\n'${SPEC}': major\n"@notebook-image/client": minor\n---\n`,
      "bare.md": `---\n${SPEC}: major\n---\n`,
      "crlf.md": `---\r\n"${SPEC}": major\r\n---\r\n`,
    });
    expect(majorChangesets(dir, SPEC).sort()).toEqual(["bare.md", "crlf.md", "double.md", "single.md"]);
  });
  it("ignores minor releases, other packages, the README and a major named only in the text", () => {
    const dir = dirWith({
      "minor.md": `---\n"${SPEC}": minor\n---\n`,
      "other.md": `---\n"@notebook-image/client": major\n---\n`,
      "README.md": `---\n"${SPEC}": major\n---\n`,
      "body.md": `---\n"${SPEC}": patch\n---\n\n"${SPEC}": major\n`,
    });
    expect(majorChangesets(dir, SPEC)).toEqual([]);
  });
});
