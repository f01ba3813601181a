// This package's build: copies @notebook-image/devkit's process lifecycle (its built main entry and
// the files beside it, the watchdog among them) into src/generated/devkit/, which the package ships.
// The devkit is private and unpublished, so a published package cannot name it as a dependency;
// its browser launcher (which needs playwright-core) is left out.
import { cpSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const entry = fileURLToPath(import.meta.resolve("@notebook-image/devkit"));
const target = fileURLToPath(new URL("../src/generated/devkit", import.meta.url));

rmSync(target, { recursive: true, force: true });
cpSync(dirname(entry), target, {
  recursive: true,
  filter: (source) => !/^browser\./.test(source.slice(dirname(entry).length + 1)),
});
console.log(`copied ${join(dirname(entry))} to src/generated/devkit`);
