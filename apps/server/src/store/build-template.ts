// Run by the package's build: puts the PGlite template in dist/pglite-template/, so that a server's
// first start on an empty data dir copies it instead of running initdb.
import { rmSync } from "node:fs";
import { buildTemplate, shippedTemplateDir } from "./template.js";

const dir = shippedTemplateDir();
rmSync(dir, { recursive: true, force: true });
await buildTemplate(dir);
process.stdout.write(`PGlite template written to ${dir}\n`);
