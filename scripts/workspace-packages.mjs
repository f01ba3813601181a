// The workspace's packages, as pnpm sees them (pnpm-workspace.yaml), with their manifests.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** @returns {{ dir: string, manifest: Record<string, any> }[]} every package but the root */
export function workspacePackages() {
  const listed = JSON.parse(
    execFileSync("pnpm", ["ls", "--recursive", "--depth", "-1", "--json"], { cwd: root, encoding: "utf8" }),
  );
  return listed
    .map((/** @type {{ path: string }} */ p) => p.path)
    .filter((/** @type {string} */ dir) => dir.replace(/\/$/, "") !== root.replace(/\/$/, ""))
    .map((/** @type {string} */ dir) => ({
      dir,
      manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")),
    }));
}
