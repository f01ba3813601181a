// Runs a command with another Node.js release first on PATH: `node scripts/on-node.mjs 24 vitest run`.
// The release (scripts/node-versions.json) is the one scripts/bootstrap.sh installed into the cache
// (node-linux-<arch> from the npm registry); vitest, its workers and every `node` a test starts
// (process.execPath or PATH) then run on it.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

const [major, ...command] = process.argv.slice(2);
const versions = JSON.parse(readFileSync(new URL("./node-versions.json", import.meta.url), "utf8"));
const version = versions[major ?? ""];
if (!version || command.length === 0) {
  console.error(
    `usage: node scripts/on-node.mjs <${Object.keys(versions)
      .filter((k) => k !== "//")
      .join("|")}> <command...>`,
  );
  process.exit(2);
}
const cache =
  process.env.NOTEBOOK_IMAGE_CACHE ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "notebook-image");
const arch = process.arch === "arm64" ? "arm64" : "x64";
const bin = join(cache, `node-${version}`, "node_modules", `node-linux-${arch}`, "bin");
if (!existsSync(join(bin, "node"))) {
  console.error(`on-node: Node.js ${version} is not installed in ${bin}: run scripts/bootstrap.sh`);
  process.exit(1);
}
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
const reported = spawnSync("node", ["--version"], { env, encoding: "utf8" }).stdout.trim();
if (reported !== `v${version}`) {
  console.error(`on-node: expected node v${version} first on PATH, got ${reported}`);
  process.exit(1);
}
console.log(`on-node: ${command.join(" ")} on Node.js ${reported}`);
// No shell: the arguments reach the command as they were given (a glob such as `--exclude
// 'test/docker-*.test.ts'` stays a glob for vitest instead of being expanded into file names).
const [program = "", ...args] = command;
const run = spawnSync(program, args, { env, stdio: "inherit" });
if (run.error) console.error(`on-node: ${program}: ${run.error.message}`);
process.exit(run.status ?? 1);
