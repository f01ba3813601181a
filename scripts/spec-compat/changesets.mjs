// What check.mjs needs from the repository besides the two specs: which released spec is the
// newest (spec/releases/<version>.json), and whether a pending changeset declares a major release
// of the spec package (which lets a breaking change through).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** @param {string} version */
const semver = (version) => version.split(".").map(Number);

/**
 * The highest version among the released specs in `dir` (files named <major>.<minor>.<patch>.json),
 * compared as numbers (1.10.0 is above 1.9.0), or undefined when there is none.
 * @param {string} dir
 * @returns {string | undefined}
 */
export function newestRelease(dir) {
  return readdirSync(dir)
    .filter((f) => /^\d+\.\d+\.\d+\.json$/.test(f))
    .map((f) => f.slice(0, -".json".length))
    .sort((a, b) => {
      const [x, y] = [semver(a), semver(b)];
      return (x[0] ?? 0) - (y[0] ?? 0) || (x[1] ?? 0) - (y[1] ?? 0) || (x[2] ?? 0) - (y[2] ?? 0);
    })
    .at(-1);
}

/**
 * The pending changesets in `dir` (.changeset/*.md but its README) whose front matter declares
 * `"<packageName>": major`, quoted or not.
 * @param {string} dir
 * @param {string} packageName
 * @returns {string[]}
 */
export function majorChangesets(dir, packageName) {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md") && f !== "README.md")
    .filter((f) => {
      const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(dir, f), "utf8"))?.[1] ?? "";
      return frontmatter
        .split(/\r?\n/)
        .some(
          (line) =>
            /^\s*["']?([^"':]+)["']?\s*:\s*(\w+)\s*$/.exec(line)?.slice(1).join(" ") ===
            `${packageName} major`,
        );
    });
}
