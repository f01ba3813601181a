// scripts/on-node.mjs runs a command on another Node.js release with its arguments as given: no
// shell re-reads them (a glob meant for vitest's --exclude once became a list of files, and the
// suites it meant to leave out ran on Node.js 22 and 24 after all).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const versions = JSON.parse(readFileSync(new URL("./node-versions.json", import.meta.url), "utf8"));
const onNode = new URL("./on-node.mjs", import.meta.url).pathname;
// A directory with files a shell glob would match, as the cwd of the command.
const dir = mkdtempSync(join(tmpdir(), "on-node-"));
for (const name of ["docker-a.test.ts", "docker-b.test.ts"]) writeFileSync(join(dir, name), "");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Three Node.js processes start one after the other (on-node, the release's `node --version`, the
// command): vitest's default 5 s is too little on a loaded 2-core machine.
const LIMIT_MS = 60_000;

describe("on-node", () => {
  for (const major of Object.keys(versions).filter((key) => key !== "//")) {
    it(`runs the command on Node.js ${versions[major]}, its arguments untouched`, {
      timeout: LIMIT_MS,
    }, () => {
      const printed = execFileSync(
        process.execPath,
        [
          onNode,
          major,
          "node",
          "-e",
          "console.log(JSON.stringify([process.version, ...process.argv.slice(1)]))",
          "docker-*.test.ts",
          "a b",
          "$HOME",
        ],
        { cwd: dir, encoding: "utf8", timeout: LIMIT_MS },
      );
      const line = printed.trim().split("\n").at(-1) ?? "";
      expect(JSON.parse(line)).toEqual([`v${versions[major]}`, "docker-*.test.ts", "a b", "$HOME"]);
    });
  }
});
