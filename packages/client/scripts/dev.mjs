// `pnpm dev` for the client: regenerate the types and validators and recompile dist/ whenever the
// spec build rewrites spec/dist/openapi.json, so that the web page served by `pnpm dev` validates
// with the spec being edited. dist/ is recompiled in place (no clean first, unlike `build`), so the
// dev server never sees it missing.
import { spawn } from "node:child_process";
import { watch } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const specJson = createRequire(import.meta.url).resolve("@notebook-image/spec/openapi.json");

const run = (command, args) =>
  new Promise((resolve) => {
    spawn(command, args, { cwd: packageDir, stdio: "inherit" }).on("exit", (code) => resolve(code === 0));
  });

let running = false;
let again = false;
async function regenerate() {
  if (running) {
    again = true;
    return;
  }
  running = true;
  const ok =
    (await run("node", ["scripts/generate.mjs"])) && (await run("tsc", ["-p", "tsconfig.build.json"]));
  console.log(
    ok ? "[client] regenerated from the spec" : "[client] regeneration failed; dist/ left as it was",
  );
  running = false;
  if (again) {
    again = false;
    void regenerate();
  }
}

// The directory is watched, not the file: the spec build may replace the file rather than rewrite it.
let timer;
watch(dirname(specJson), (_event, file) => {
  if (file !== "openapi.json") return;
  clearTimeout(timer);
  timer = setTimeout(regenerate, 200);
});
console.log(`[client] watching ${specJson}`);
