// Records the spec being released: spec/dist/openapi.json copied to spec/releases/<version>.json,
// <version> being @notebook-image/spec's (run by `pnpm version-packages`, after `changeset version`
// has bumped it). scripts/spec-compat/check.mjs compares every later change with the newest one.
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, "spec/package.json"), "utf8"));
mkdirSync(join(root, "spec/releases"), { recursive: true });
copyFileSync(join(root, "spec/dist/openapi.json"), join(root, "spec/releases", `${version}.json`));
console.log(`spec/releases/${version}.json written from spec/dist/openapi.json`);
