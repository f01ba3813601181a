// tsc compiles src/ to dist/ but does not copy the generated standalone validators (plain .js
// with a hand-made .d.ts beside it): copy them so dist/ imports resolve.
import { copyFile, mkdir } from "node:fs/promises";

const from = new URL("../src/generated/", import.meta.url);
const to = new URL("../dist/generated/", import.meta.url);
await mkdir(to, { recursive: true });
for (const file of ["validators.js", "validators.d.ts"])
  await copyFile(new URL(file, from), new URL(file, to));
