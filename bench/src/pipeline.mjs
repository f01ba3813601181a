// Pipeline: how long the turbo builds take from the repository root: everything rebuilt
// (`turbo run build --force`), everything from the cache (`turbo run build`), and a spec edit to
// regenerated client types and validators (`turbo run generate --filter=@notebook-image/client`,
// which rebuilds the spec first). The spec file is edited by appending to its description, then
// restored byte for byte whatever happens.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { median } from "./stats.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TURBO = `${ROOT}node_modules/.bin/turbo`;
const EDITED_SPEC_FILE = `${ROOT}spec/components/schemas/CreateImageRequest.yaml`;
const GENERATED_TYPES = `${ROOT}packages/client/src/generated/openapi.ts`;

/** @param {string[]} args */
function turbo(args) {
  const started = performance.now();
  const run = spawnSync(TURBO, [...args, "--output-logs=hash-only"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", REDOCLY_TELEMETRY: "off", FORCE_COLOR: "0" },
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`turbo ${args.join(" ")} failed:\n${run.stdout}\n${run.stderr}`);
  // "Cached:    9 cached, 9 total", and per task "@notebook-image/spec:build: cache miss, executing 9d31…"
  const cached = /Cached:\s+(\d+) cached, (\d+) total/.exec(run.stdout);
  const misses = [...run.stdout.matchAll(/^(\S+): cache (?:miss|bypass)/gm)].map((m) => m[1]);
  return { seconds, cached: cached ? `${cached[1]}/${cached[2]}` : "?", misses };
}

/**
 * Appends a marker to the file's top-level one-line `description:`; returns the edited text.
 * @param {string} text
 * @param {string} marker
 */
function editDescription(text, marker) {
  const edited = text.replace(/^(description: (?![|>]).+)$/m, `$1 ${marker}`);
  if (edited === text) throw new Error(`${EDITED_SPEC_FILE} has no one-line top-level description to edit`);
  return edited;
}

/** @param {{ cachedRuns: number }} settings */
export function benchPipeline({ cachedRuns }) {
  const cold = turbo(["run", "build", "--force"]);
  const cached = Array.from({ length: cachedRuns }, () => turbo(["run", "build"]));

  const original = readFileSync(EDITED_SPEC_FILE);
  const marker = `(bench edit ${Date.now()})`;
  const restore = () => writeFileSync(EDITED_SPEC_FILE, original);
  // Ctrl-C in the middle must not leave the spec edited.
  const onSignal = () => {
    restore();
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  let specEdit;
  let regenerated;
  try {
    writeFileSync(EDITED_SPEC_FILE, editDescription(original.toString("utf8"), marker));
    specEdit = turbo(["run", "generate", "--filter=@notebook-image/client"]);
    regenerated = readFileSync(GENERATED_TYPES, "utf8").includes(marker);
  } finally {
    restore();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  // Puts the generated files back as they were (a cache hit for the original spec).
  turbo(["run", "generate", "--filter=@notebook-image/client"]);
  if (!readFileSync(EDITED_SPEC_FILE).equals(original))
    throw new Error(`${EDITED_SPEC_FILE} was not restored`);

  return {
    coldSeconds: cold.seconds,
    coldCached: cold.cached,
    cachedSeconds: median(cached.map((c) => c.seconds)),
    // A cached run that is not all hits means an input changed between runs (or a task's inputs
    // include its own outputs): the tasks listed in `misses` say which.
    cachedRuns: cached,
    specEditSeconds: specEdit.seconds,
    specEditTasks: specEdit.misses,
    specEditRegeneratedTypes: regenerated,
    editedFile: EDITED_SPEC_FILE.slice(ROOT.length),
  };
}
