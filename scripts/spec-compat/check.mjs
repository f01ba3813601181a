// `pnpm check:spec-compat`: compares the bundled spec (spec/dist/openapi.json) with the last
// released one (the highest version in spec/releases/) and fails on a change that would break an
// existing caller, unless a pending changeset declares a major release of @notebook-image/spec.
// Breaking changes are found by Optic's standard breaking-change rules (`optic diff --check`), and
// by scripts/spec-compat/constraints.mjs for the tightened request constraints Optic does not check.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { specChanges } from "./changes.mjs";
import { majorChangesets, newestRelease } from "./changesets.mjs";
import { tightenedRequestConstraints } from "./constraints.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const SPEC_PACKAGE = "@notebook-image/spec";
const releasesDir = join(root, "spec/releases");
const current = join(root, "spec/dist/openapi.json");

const lastRelease = newestRelease(releasesDir);
if (!lastRelease) throw new Error(`no released spec in ${releasesDir}`);
const released = join(releasesDir, `${lastRelease}.json`);
if (!existsSync(current)) {
  console.error(
    "spec/dist/openapi.json does not exist: build the spec first (pnpm --filter @notebook-image/spec build)",
  );
  process.exit(1);
}

/** Optic's findings: "METHOD /path: [rule] message", from its text report. */
function opticFindings() {
  // Optic is this directory's own dependency (its package.json), so that no other install carries it.
  const opticBin = join(import.meta.dirname, "node_modules/.bin/optic");
  if (!existsSync(opticBin))
    throw new Error(
      `${opticBin} is missing: run pnpm install (Optic is scripts/spec-compat's own dependency)`,
    );
  const optic = spawnSync(opticBin, ["diff", released, current, "--check"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, OPTIC_TELEMETRY_LEVEL: "off", NO_COLOR: "1", FORCE_COLOR: "0" },
    // Bounded, with room for a loaded CI machine (it takes about 10 s on a quiet one).
    timeout: 300_000,
  });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colours
  const text = `${optic.stdout}${optic.stderr}`.replace(/\x1b\[[0-9;]*m/g, "");
  /** @type {string[]} */
  const findings = [];
  let operation = "";
  for (const line of text.split("\n")) {
    const header = /^[x✔] (GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|TRACE) (\S+):/.exec(line);
    if (header) operation = `${header[1]} ${header[2]}`;
    const failed = /^\s+x \[(.+?)\] (.+)$/.exec(line);
    if (failed) findings.push(`${operation}: [${failed[1]}] ${failed[2]}`);
  }
  // Optic exits 1 when a check fails: any other outcome without findings means it did not run.
  if (optic.status !== 0 && findings.length === 0)
    throw new Error(`optic diff failed (exit ${optic.status ?? optic.signal}):\n${text}`);
  if (optic.status === 0 && !/Checks: \d+\/\d+ passed|No operations changed/.test(text))
    throw new Error(`optic diff printed no check summary:\n${text}`);
  return findings;
}

const releasedSpec = JSON.parse(readFileSync(released, "utf8"));
const currentSpec = JSON.parse(readFileSync(current, "utf8"));
const findings = [
  ...opticFindings().map((f) => `optic: ${f}`),
  ...tightenedRequestConstraints(releasedSpec, currentSpec).map((f) => `constraint: ${f}`),
];
console.log(
  `spec compatibility: spec/dist/openapi.json against the released ${lastRelease} (spec/releases/)`,
);
// Every other change a caller can see, named for the review (and the changeset that describes it).
const changes = specChanges(releasedSpec, currentSpec);
if (changes.length > 0) {
  console.log(`${changes.length} non-breaking change(s):`);
  for (const change of changes) console.log(`  - ${change}`);
}
if (findings.length === 0) {
  console.log("no breaking change");
  process.exit(0);
}
console.log(`${findings.length} breaking change(s) for existing callers:`);
for (const f of findings) console.log(`  - ${f}`);
const declared = majorChangesets(join(root, ".changeset"), SPEC_PACKAGE);
if (declared.length > 0) {
  console.log(
    `declared as a major release of ${SPEC_PACKAGE} in .changeset/${declared.join(", .changeset/")}: ok`,
  );
  process.exit(0);
}
console.log(
  `\nA change that breaks callers needs a major release: run \`pnpm changeset\`, choose ${SPEC_PACKAGE}` +
    " (and the packages it changes for their users) with a major bump, and say what callers must do.",
);
process.exit(1);
