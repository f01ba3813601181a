// `pnpm dev` for the spec: rebuild spec/dist/ whenever a source file changes, so the mock (which
// watches spec/dist/openapi.yaml) and the docs reload with it.
import { spawn } from "node:child_process";
import { watch } from "node:fs";
import { fileURLToPath } from "node:url";

const specDir = fileURLToPath(new URL("..", import.meta.url));
const isSource = (file) =>
  file && !/^(dist|node_modules|test)\b/.test(file) && /\.(ya?ml|md|dot)$/.test(file);

let running = false;
let again = false;
function rebuild() {
  if (running) {
    again = true;
    return;
  }
  running = true;
  const build = spawn("pnpm", ["run", "--silent", "build"], { cwd: specDir, stdio: "inherit" });
  build.on("exit", (code) => {
    console.log(
      code === 0 ? "[spec] rebuilt spec/dist" : "[spec] build failed; keeping the last good spec/dist",
    );
    running = false;
    if (again) {
      again = false;
      rebuild();
    }
  });
}

let timer;
watch(specDir, { recursive: true }, (_event, file) => {
  if (!isSource(file)) return;
  clearTimeout(timer);
  timer = setTimeout(rebuild, 150);
});
console.log("[spec] watching spec sources for changes");
