// `build` for the spec: lint and bundle at the same time (two Redocly processes, one per core),
// render the diagrams meanwhile, then write spec/dist/openapi.yaml, its JSON twin and the diagrams'
// SVGs only when all succeeded, so consumers (the mock's file watcher among them) never see a
// bundle of a spec that fails lint.
// The JSON is converted from the bundled YAML in-process rather than by a second `redocly bundle`:
// same document, one Redocly start-up less on the spec-edit → regenerated-client path.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { renderDiagrams } from "./diagrams.mjs";

const specDir = fileURLToPath(new URL("..", import.meta.url));
const distDir = join(specDir, "dist");
const scratch = mkdtempSync(join(tmpdir(), "spec-bundle-"));
const bundled = join(scratch, "openapi.yaml");

function redocly(args) {
  return new Promise((resolve) => {
    const child = spawn("redocly", args, {
      cwd: specDir,
      stdio: "inherit",
      env: { ...process.env, REDOCLY_TELEMETRY: "off" },
    });
    child.on("error", (error) => {
      console.error(`[spec] cannot run redocly: ${error.message}`);
      resolve(1);
    });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

try {
  const [lint, bundle, diagrams] = await Promise.all([
    redocly(["lint", "openapi.yaml"]),
    redocly(["bundle", "openapi.yaml", "-o", bundled]),
    renderDiagrams(join(specDir, "diagrams")).catch((error) => {
      console.error(`[spec] cannot render a diagram: ${error.message}`);
      return null;
    }),
  ]);
  if (lint !== 0 || bundle !== 0 || !diagrams) {
    console.error(
      `[spec] build failed (lint exit ${lint}, bundle exit ${bundle}, diagrams ${diagrams ? "ok" : "failed"}); spec/dist left as it was`,
    );
    process.exitCode = 1;
  } else {
    const yamlText = readFileSync(bundled, "utf8");
    const json = `${JSON.stringify(parse(yamlText), null, 2)}\n`;
    mkdirSync(distDir, { recursive: true });
    writeFileSync(join(distDir, "openapi.json"), json);
    writeFileSync(join(distDir, "openapi.yaml"), yamlText);
    for (const { name, svg } of diagrams) writeFileSync(join(distDir, name), svg);
    console.log(
      `[spec] wrote spec/dist/openapi.yaml, spec/dist/openapi.json and ${diagrams.map(({ name }) => `spec/dist/${name}`).join(", ")}`,
    );
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
