// The code samples of the docs: which ones each operation shows, and where each one lives. A sample
// is a real file kept next to what it exercises (the client's in packages/client/samples, the
// CLI's in apps/cli/samples, the raw HTTP ones here in samples/), so the package that owns it can
// run and type-check it; the docs build weaves them into the page as x-codeSamples. The source spec
// (spec/) holds none of its consumers' code.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { docsDir } from "./paths.mjs";

const require = createRequire(import.meta.url);
/** @param {string} name */
const packageDir = (name) => dirname(require.resolve(`${name}/package.json`));

/** Folders of samples, by owner. */
export const sampleDirs = {
  docs: join(docsDir, "samples"),
  client: join(packageDir("@notebook-image/client"), "samples"),
  cli: join(packageDir("@notebook-image/cli"), "samples"),
};

/**
 * @typedef {{ lang: string, label: string, owner: keyof typeof sampleDirs, file: string }} SampleEntry
 * The samples of each operation (by operationId), in the order of the page's language menu.
 * @type {Record<string, SampleEntry[]>}
 */
export const codeSamplesByOperation = {
  createImage: [
    { lang: "Shell", label: "curl", owner: "docs", file: "curl/create-image.sh" },
    { lang: "TypeScript", label: "TypeScript (token)", owner: "client", file: "create-image-token.ts" },
    { lang: "TypeScript", label: "TypeScript (wait)", owner: "client", file: "create-image-and-wait.ts" },
    { lang: "TypeScript", label: "TypeScript (AK/SK)", owner: "client", file: "create-image-aksk.ts" },
    { lang: "Shell", label: "CLI", owner: "cli", file: "save.sh" },
    { lang: "Shell", label: "CLI (--wait)", owner: "cli", file: "save-and-wait.sh" },
  ],
  ShowNotebook: [
    { lang: "Shell", label: "curl", owner: "docs", file: "curl/show-notebook.sh" },
    { lang: "TypeScript", label: "TypeScript", owner: "client", file: "show-notebook.ts" },
    { lang: "Shell", label: "CLI", owner: "cli", file: "notebook-show.sh" },
  ],
  ShowImage: [
    { lang: "Shell", label: "curl", owner: "docs", file: "curl/show-image.sh" },
    { lang: "TypeScript", label: "TypeScript (wait)", owner: "client", file: "wait-for-image.ts" },
    { lang: "Shell", label: "CLI", owner: "cli", file: "image-show.sh" },
    { lang: "Shell", label: "CLI (--wait)", owner: "cli", file: "wait.sh" },
  ],
  ListImage: [
    { lang: "Shell", label: "curl", owner: "docs", file: "curl/list-images.sh" },
    { lang: "TypeScript", label: "TypeScript", owner: "client", file: "list-images.ts" },
    { lang: "Shell", label: "CLI", owner: "cli", file: "image-list.sh" },
  ],
  DeleteImage: [
    { lang: "Shell", label: "curl", owner: "docs", file: "curl/delete-image.sh" },
    { lang: "TypeScript", label: "TypeScript", owner: "client", file: "delete-image.ts" },
    { lang: "Shell", label: "CLI", owner: "cli", file: "image-delete.sh" },
  ],
  CreateNotebook: [
    { lang: "Shell", label: "curl", owner: "docs", file: "curl/create-notebook.sh" },
    { lang: "Shell", label: "CLI (--wait)", owner: "cli", file: "notebook-create.sh" },
  ],
  ListNotebooks: [
    { lang: "Shell", label: "curl", owner: "docs", file: "curl/list-notebooks.sh" },
    { lang: "Shell", label: "CLI", owner: "cli", file: "notebook-list.sh" },
  ],
  StartNotebook: [
    { lang: "Shell", label: "curl", owner: "docs", file: "curl/start-notebook.sh" },
    { lang: "Shell", label: "CLI (--wait)", owner: "cli", file: "notebook-start.sh" },
  ],
  StopNotebook: [
    { lang: "Shell", label: "curl", owner: "docs", file: "curl/stop-notebook.sh" },
    { lang: "Shell", label: "CLI", owner: "cli", file: "notebook-stop.sh" },
  ],
  DeleteNotebook: [
    { lang: "Shell", label: "curl", owner: "docs", file: "curl/delete-notebook.sh" },
    { lang: "Shell", label: "CLI", owner: "cli", file: "notebook-delete.sh" },
  ],
  UpdateNotebook: [
    { lang: "Shell", label: "curl", owner: "docs", file: "curl/update-notebook.sh" },
    { lang: "Shell", label: "CLI", owner: "cli", file: "notebook-update.sh" },
  ],
  RenewLease: [
    { lang: "Shell", label: "curl", owner: "docs", file: "curl/renew-lease.sh" },
    { lang: "Shell", label: "CLI", owner: "cli", file: "notebook-renew.sh" },
  ],
};

/** @param {SampleEntry} entry */
export function samplePath(entry) {
  return join(sampleDirs[entry.owner], entry.file);
}

const METHODS = ["get", "put", "post", "delete", "patch"];

/**
 * A copy of the bundled spec with each operation's samples as `x-codeSamples`. Fails on a sample
 * for an operation the spec does not have, so a renamed operationId cannot drop its samples.
 * @param {any} spec the bundled spec (spec/dist/openapi.json)
 * @returns {any}
 */
export function withCodeSamples(spec) {
  const woven = structuredClone(spec);
  const unused = new Set(Object.keys(codeSamplesByOperation));
  for (const pathItem of Object.values(woven.paths)) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      /** @type {SampleEntry[] | undefined} */
      const entries = operation && codeSamplesByOperation[operation.operationId];
      if (!entries) continue;
      unused.delete(operation.operationId);
      operation["x-codeSamples"] = entries.map((entry) => ({
        lang: entry.lang,
        label: entry.label,
        source: readFileSync(samplePath(entry), "utf8"),
      }));
    }
  }
  if (unused.size > 0)
    throw new Error(`code samples for operations the spec lacks: ${[...unused].join(", ")}`);
  return woven;
}
