// The Prism that the mock runs is one consistent set that supports this Node: prism-cli and
// prism-http-server resolve the same prism-http and prism-core (the workspace's `overrides`), and
// every one of them accepts the running Node in its `engines`. Without the overrides, prism-cli's
// caret ranges pull the 5.16 line (Node >= 24) next to the prism-http 5.12.0 it pins.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";

type Manifest = { name: string; version: string; engines?: { node?: string } };

/** The manifest of `name` as the package at `fromDir` resolves it, and its directory. */
function resolveFrom(fromDir: string, name: string): { dir: string; manifest: Manifest } {
  const path = createRequire(`${fromDir}/`).resolve(`${name}/package.json`);
  return { dir: dirname(path), manifest: JSON.parse(readFileSync(path, "utf8")) as Manifest };
}

/** Whether `version` meets a `>=x.y.z` range, the only form Prism's packages use. */
function meets(version: string, range: string): boolean {
  const floor = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  if (!floor) throw new Error(`engines range "${range}" is not of the >=x.y.z form this check reads`);
  const have = version.split(".").map(Number);
  const want = floor.slice(1).map(Number);
  for (let i = 0; i < 3; i++) if ((have[i] ?? 0) !== (want[i] ?? 0)) return (have[i] ?? 0) > (want[i] ?? 0);
  return true;
}

const here = dirname(new URL(import.meta.url).pathname);
const cli = resolveFrom(here, "@stoplight/prism-cli");
const server = resolveFrom(cli.dir, "@stoplight/prism-http-server");
const set = [
  cli,
  server,
  resolveFrom(cli.dir, "@stoplight/prism-http"),
  resolveFrom(cli.dir, "@stoplight/prism-core"),
  resolveFrom(server.dir, "@stoplight/prism-http"),
  resolveFrom(server.dir, "@stoplight/prism-core"),
];

describe("the Prism packages the mock runs", () => {
  it("are one copy of each package, whoever resolves it", () => {
    const byName = new Map<string, Set<string>>();
    for (const { dir, manifest } of set)
      byName.set(manifest.name, (byName.get(manifest.name) ?? new Set()).add(dir));
    for (const [name, dirs] of byName) expect([...dirs], name).toHaveLength(1);
    expect([...byName.keys()].sort()).toStrictEqual([
      "@stoplight/prism-cli",
      "@stoplight/prism-core",
      "@stoplight/prism-http",
      "@stoplight/prism-http-server",
    ]);
  });

  it.each(set.slice(0, 4).map(({ manifest }) => [`${manifest.name}@${manifest.version}`, manifest] as const))(
    "%s accepts the running Node in its engines",
    (_name, manifest) => {
      expect(meets(process.versions.node, manifest.engines?.node ?? ">=0.0.0"), manifest.engines?.node).toBe(
        true,
      );
    },
  );
});
