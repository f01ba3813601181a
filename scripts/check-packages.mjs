// Checks every published package of the workspace as users get it: its PACKED tarball (`pnpm pack`,
// which also turns `workspace:` ranges into versions), not the source tree. For each one:
// - publint (strict: a warning or even a suggestion is a problem);
// - @arethetypeswrong/cli for its entry points, resolved as node16 (from ESM and from CJS) and as a
//   bundler would; node10 (no `exports`) is not supported, engines say Node >= 20.19;
// - a real ESM and CJS consumer: every entry point is imported and required by the Node running
//   this script (require() of ESM works on every Node release the packages support), and type
//   checked by tsc from an ESM (.mts) and a CJS (.cts) module under `module: nodenext`;
// - LICENSE (the root one, byte for byte), README.md and CHANGELOG.md are in the tarball;
// - no runtime dependency names a private workspace package (users could not install it);
// - nothing in the tarball that no user runs or reads (tests, source maps, TypeScript sources);
// - a module the exports map does not name cannot be imported or required (no deep imports).
// Usage: node scripts/check-packages.mjs [package-dir...]   (default: every published package)
import { execFileSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { workspacePackages } from "./workspace-packages.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const attw = join(root, "node_modules/.bin/attw");
const tsc = require.resolve("typescript/bin/tsc");
const rootLicense = readFileSync(join(root, "LICENSE"));

const all = workspacePackages();
const privateNames = new Set(all.filter((p) => p.manifest.private).map((p) => p.manifest.name));
const requested = process.argv.slice(2).map((dir) => realpathSync(dir));
const published = all.filter(
  (p) => !p.manifest.private && (requested.length === 0 || requested.includes(realpathSync(p.dir))),
);

const work = mkdtempSync(join(tmpdir(), "check-packages-"));
/** @type {(cmd: string, args: string[], cwd: string) => string} */
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
/** @param {unknown} error */
const output = (error) => {
  const e = /** @type {{ stdout?: string, stderr?: string, message?: string }} */ (error);
  return `${e.stdout ?? ""}${e.stderr ?? ""}`.trim() || String(e.message);
};

/**
 * @typedef {{ dir: string, specifiers: string[], ambient: boolean }} Consumer a consumer project
 *   with esm.mts (and cjs.cts) importing every entry point; ambient when the package's declarations
 *   add globals (`declare global`, a `/// <reference types>`), which would reach other packages'
 *   files in one program.
 * @typedef {{ name: string, problems: string[], notes: string[], consumer?: Consumer }} Report
 */

/**
 * The subpaths a consumer can import: the keys of `exports` (or "." for a `main`), package.json
 * left out; `data` when the subpath is a document (JSON, YAML, SVG) rather than a module;
 * `typesOnly` when it has declarations and no JavaScript (`{ "types": "…d.ts" }`: generated types,
 * imported with `import type`).
 * @param {Record<string, any>} manifest
 * @returns {{ subpath: string, data: boolean, typesOnly: boolean }[]}
 */
function entryPoints(manifest) {
  const { exports } = manifest;
  if (exports === undefined) return manifest.main ? [{ subpath: ".", data: false, typesOnly: false }] : [];
  const map =
    typeof exports === "string" || Object.keys(exports).every((k) => !k.startsWith("."))
      ? { ".": exports }
      : exports;
  /** @type {(target: unknown) => string} */
  const file = (target) =>
    typeof target === "string" ? target : file(Object.values(/** @type {object} */ (target)).at(-1));
  return Object.entries(map)
    .filter(([k]) => k !== "./package.json" && !k.includes("*"))
    .map(([subpath, target]) => ({
      subpath,
      data: /\.(json|ya?ml|svg)$/.test(file(target)),
      typesOnly: typeof target === "object" && target !== null && Object.keys(target).join() === "types",
    }));
}

/**
 * Whether a file of a tarball is one no user runs or reads: a test, a source map, or a TypeScript
 * source (declaration files are what users' type checkers read).
 * @param {string} file a path inside the package
 */
function isStray(file) {
  return (
    /(^|\/)(test|tests|__tests__)\//.test(file) ||
    /\.(test|spec|test-d)\.[cm]?[jt]sx?$/.test(file) ||
    /\.[cm]?[jt]sx?\.map$/.test(file) ||
    (/\.[cm]?tsx?$/.test(file) && !/\.d\.[cm]?ts$/.test(file))
  );
}

/**
 * A JavaScript module of the tarball that the exports map does not name, to check that deep imports
 * are refused; undefined when there is no exports map, when it has a wildcard (which names files by
 * pattern), or when every module is named.
 * @param {Record<string, any>} manifest the packed package.json
 * @param {string[]} files the tarball's paths inside the package
 * @returns {string | undefined}
 */
function unexportedModule(manifest, files) {
  const { exports } = manifest;
  if (exports === undefined || JSON.stringify(exports).includes("*")) return undefined;
  /** @type {(target: unknown) => string[]} */
  const targets = (target) =>
    typeof target === "string"
      ? [target.replace(/^\.\//, "")]
      : typeof target === "object" && target !== null
        ? Object.values(target).flatMap(targets)
        : [];
  const named = new Set(targets(exports));
  return files.find((file) => /\.[cm]?js$/.test(file) && !named.has(file));
}

/**
 * A consumer project in `dir` where `name` is the unpacked tarball and its dependencies are the
 * workspace's installed ones (no registry access needed).
 * @param {string} dir
 * @param {string} tarball
 * @param {{ dir: string, manifest: Record<string, any> }} pkg
 */
function consumerProject(dir, tarball, pkg) {
  const installed = join(dir, "node_modules", pkg.manifest.name);
  mkdirSync(installed, { recursive: true });
  run("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"], dir);
  const packed = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
  // pnpm links each direct dependency of a workspace package into its node_modules.
  for (const dependency of Object.keys({ ...packed.dependencies, ...packed.peerDependencies })) {
    const target = realpathSync(join(pkg.dir, "node_modules", dependency));
    const link = join(installed, "node_modules", dependency);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(target, link, "dir");
  }
  // Type checking a consumer needs the Node.js types.
  const types = join(dir, "node_modules/@types/node");
  mkdirSync(dirname(types), { recursive: true });
  symlinkSync(dirname(require.resolve("@types/node/package.json")), types, "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  return packed;
}

/**
 * @param {{ dir: string, manifest: Record<string, any> }} pkg
 * @returns {Promise<Report>}
 */
async function check(pkg) {
  const { name } = pkg.manifest;
  /** @type {Report} */
  const report = { name, problems: [], notes: [] };
  const problem = (/** @type {string} */ text) => report.problems.push(text);
  const dir = join(work, name.replace("/", "__"));
  mkdirSync(dir, { recursive: true });

  if (!readFileSync(join(pkg.dir, "LICENSE")).equals(rootLicense))
    problem("LICENSE differs from the root LICENSE");

  const tarball = run("pnpm", ["pack", "--pack-destination", dir], pkg.dir).trim().split("\n").pop() ?? "";
  const files = run("tar", ["-tzf", tarball], dir)
    .split("\n")
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ""));
  for (const required of ["LICENSE", "README.md", "CHANGELOG.md", "package.json"])
    if (!files.includes(required)) problem(`the tarball has no ${required}`);
  const stray = files.filter(isStray);
  if (stray.length > 0) problem(`the tarball holds what no user runs or reads: ${stray.join(", ")}`);

  const tarballBytes = readFileSync(tarball);
  const packed = JSON.parse(run("tar", ["-xzOf", tarball, "package/package.json"], dir));
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    for (const [dependency, range] of Object.entries(packed[field] ?? {})) {
      if (privateNames.has(dependency)) problem(`${field} names ${dependency}, a private workspace package`);
      if (String(range).startsWith("workspace:")) problem(`${field}.${dependency} is still ${range}`);
    }
  }

  const lint = await publint({
    pack: { tarball: tarballBytes.buffer.slice(0, tarballBytes.byteLength) },
    strict: true,
    level: "suggestion",
  });
  for (const message of lint.messages)
    problem(`publint ${message.type}: ${formatMessage(message, packed, { color: false }) ?? message.code}`);

  const entries = entryPoints(packed);
  const specifier = (/** @type {string} */ subpath) =>
    subpath === "." ? name : `${name}/${subpath.slice(2)}`;
  const documents = entries.filter((e) => e.data).map((e) => specifier(e.subpath));
  const modules = entries.filter((e) => !e.data && !e.typesOnly).map((e) => specifier(e.subpath));
  const typesOnly = entries.filter((e) => e.typesOnly).map((e) => specifier(e.subpath));
  if (documents.length > 0) {
    // Documents are not imported as modules: a consumer resolves them to a file, from ESM or CJS.
    const consumer = join(dir, "documents");
    consumerProject(consumer, tarball, pkg);
    const exists = (/** @type {string} */ file) =>
      `if (!require("node:fs").existsSync(${file})) throw new Error("resolves to nothing");`;
    for (const s of documents) {
      const resolvers = [
        { kind: "require.resolve", inputType: "commonjs", code: exists(`require.resolve("${s}")`) },
        {
          kind: "import.meta.resolve",
          inputType: "module",
          code: `import { createRequire } from "node:module"; import { fileURLToPath } from "node:url"; const require = createRequire(import.meta.url); ${exists(`fileURLToPath(import.meta.resolve("${s}"))`)}`,
        },
      ];
      for (const { kind, inputType, code } of resolvers) {
        try {
          run(process.execPath, [`--input-type=${inputType}`, "-e", code], consumer);
        } catch (error) {
          problem(`${kind}("${s}") fails:\n${output(error)}`);
        }
      }
    }
    report.notes.push(`documents: ${documents.join(", ")}`);
  }
  if (modules.length === 0) {
    if (documents.length === 0 && typesOnly.length === 0)
      report.notes.push(`no importable entry point (bin only: ${Object.keys(packed.bin ?? {}).join(", ")})`);
  } else {
    // cjs-resolves-to-esm is attw's reading of node16 from CJS: it predates require() of ESM, which
    // every supported Node has (20.19+, 22.12+, 24) and TypeScript models under module nodenext.
    // The consumer checks below require() each entry point and type check it from a .cts file, so
    // a CJS consumer that really breaks still fails here.
    try {
      run(
        attw,
        [
          tarball,
          "--profile",
          "node16",
          "--ignore-rules",
          "cjs-resolves-to-esm",
          "--format",
          "ascii",
          "--entrypoints",
          ...entries.filter((e) => !e.data && !e.typesOnly).map((e) => e.subpath),
        ],
        dir,
      );
    } catch (error) {
      problem(`attw:\n${output(error)}`);
    }

    const consumer = join(dir, "consumer");
    consumerProject(consumer, tarball, pkg);
    const specifiers = modules;
    const loaders = [
      { kind: "ESM import", inputType: "module", load: (/** @type {string} */ s) => `await import("${s}")` },
      { kind: "CJS require", inputType: "commonjs", load: (/** @type {string} */ s) => `require("${s}")` },
    ];
    for (const { kind, inputType, load } of loaders) {
      for (const specifier of specifiers) {
        const probe = `const m = ${load(specifier)}; if (Object.keys(m).length === 0) throw new Error("no exports");`;
        try {
          run(process.execPath, [`--input-type=${inputType}`, "-e", probe], consumer);
        } catch (error) {
          problem(`${kind} of ${specifier} fails on Node ${process.version}:\n${output(error)}`);
        }
      }
    }
    // Only the exports map is public: a module of the tarball that it does not name is refused.
    if (packed.exports === undefined) problem("no exports map: every file of the package can be imported");
    const unexported = unexportedModule(packed, files);
    if (unexported !== undefined) {
      const deep = `${name}/${unexported}`;
      for (const { kind, inputType, load } of loaders) {
        const probe = `try { ${load(deep)}; console.log("loaded"); } catch (error) { console.log(error.code); }`;
        const outcome = run(process.execPath, [`--input-type=${inputType}`, "-e", probe], consumer).trim();
        if (outcome !== "ERR_PACKAGE_PATH_NOT_EXPORTED")
          problem(
            `${kind} of ${deep}, which the exports map does not name, gives ${outcome}, not ERR_PACKAGE_PATH_NOT_EXPORTED`,
          );
      }
    }
    const imports = specifiers.map((s, i) => `import * as entry${i} from ${JSON.stringify(s)};`).join("\n");
    const uses = specifiers.map((_, i) => `entry${i}`).join(", ");
    // A types-only entry is resolved by tsc alone: no JavaScript is loaded for it.
    const typeImports = typesOnly
      .map((s, i) => `export type Types${i} = typeof import(${JSON.stringify(s)});`)
      .join("\n");
    writeFileSync(join(consumer, "esm.mts"), `${imports}\nexport const all = [${uses}];\n${typeImports}\n`);
    writeFileSync(
      join(consumer, "cjs.cts"),
      `${specifiers.map((s, i) => `import entry${i} = require(${JSON.stringify(s)});`).join("\n")}\nexport const all = [${uses}];\n${typeImports}\n`,
    );
    report.consumer = {
      dir: consumer,
      specifiers: [...specifiers, ...typesOnly],
      ambient: declaresGlobals(join(consumer, "node_modules", name)),
    };
    report.notes.push(`modules: ${specifiers.join(", ")}`);
    if (typesOnly.length > 0) report.notes.push(`types only: ${typesOnly.join(", ")}`);
  }
  report.notes.push(`${relative(root, pkg.dir)}: ${files.length} files, ${tarballBytes.length} B packed`);
  return report;
}

/** The two ways a consumer resolves the packages: Node's (ESM and CJS files) and a bundler's. */
const RESOLUTIONS = [
  {
    name: "nodenext",
    flags: ["--module", "nodenext", "--moduleResolution", "nodenext"],
    files: ["esm.mts", "cjs.cts"],
  },
  { name: "bundler", flags: ["--module", "preserve", "--moduleResolution", "bundler"], files: ["esm.mts"] },
];

/**
 * tsc over the given files, run in `cwd` (whose node_modules/@types/node the Node.js types come
 * from); throws with tsc's output when it finds an error.
 * @param {string} cwd
 * @param {string[]} flags
 * @param {string[]} files
 */
function typecheck(cwd, flags, files) {
  run(
    process.execPath,
    [
      tsc,
      "--noEmit",
      "--strict",
      "--target",
      "es2022",
      "--skipLibCheck",
      "false",
      "--types",
      "node",
      ...flags,
      ...files,
    ],
    cwd,
  );
}

/**
 * Whether a package's declaration files add globals.
 * @param {string} dir the unpacked package
 * @returns {boolean}
 */
function declaresGlobals(dir) {
  const files = run(
    "find",
    [dir, "-path", `${dir}/node_modules`, "-prune", "-o", "-name", "*.d.*ts", "-print"],
    dir,
  )
    .split("\n")
    .filter(Boolean);
  return files.some((file) =>
    /declare\s+global|\/\/\/\s*<reference\s+types=/.test(readFileSync(file, "utf8")),
  );
}

/**
 * Type checks every consumer under both resolutions. Most of a tsc run is the Node.js and ES
 * library declarations (skipLibCheck is off), so the consumers of packages that add no globals are
 * checked in one program per resolution: each file still resolves its package from its own
 * node_modules. When that program has an error, each consumer is checked alone, which names the
 * package at fault with the output it would have had by itself.
 * @param {Report[]} reports
 */
function typecheckConsumers(reports) {
  const consumers = reports.filter((r) => r.consumer !== undefined);
  const together = consumers.filter((r) => !r.consumer?.ambient);
  const types = join(work, "node_modules/@types/node");
  mkdirSync(dirname(types), { recursive: true });
  symlinkSync(dirname(require.resolve("@types/node/package.json")), types, "dir");
  for (const resolution of RESOLUTIONS) {
    let alone = consumers;
    if (together.length > 1) {
      try {
        // Absolute paths: tsc reads an argument that starts with @ (as the consumers' directories
        // do, after the scope) as a file of arguments.
        const files = together.flatMap((r) => resolution.files.map((f) => join(r.consumer?.dir ?? "", f)));
        typecheck(work, resolution.flags, files);
        alone = consumers.filter((r) => r.consumer?.ambient);
      } catch {
        // Checked alone below, for the problem to name its package.
      }
    }
    for (const report of alone) {
      const consumer = /** @type {Consumer} */ (report.consumer);
      try {
        typecheck(consumer.dir, resolution.flags, resolution.files);
      } catch (error) {
        report.problems.push(
          `tsc (${resolution.name}) of a consumer of ${consumer.specifiers.join(", ")}:\n${output(error)}`,
        );
      }
    }
  }
}

let failed = 0;
try {
  /** @type {Report[]} */
  const reports = [];
  for (const pkg of published) reports.push(await check(pkg));
  typecheckConsumers(reports);
  for (const report of reports) {
    const ok = report.problems.length === 0;
    if (!ok) failed++;
    console.log(`${ok ? "ok  " : "FAIL"} ${report.name} (${report.notes.join("; ")})`);
    for (const p of report.problems) console.log(`     - ${p.replace(/\n/g, "\n       ")}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(
  `check-packages: ${published.length - failed} of ${published.length} published packages without problems`,
);
process.exit(failed === 0 ? 0 : 1);
