// `pnpm build`: the published API reference as one self-contained folder, apps/docs/dist/:
//   index.html        Redoc 3 page rendered by `redocly build-docs`, its scripts inlined, from the
//                     bundled spec with the code samples woven in (scripts/code-samples.mjs)
//   openapi.{yaml,json}  the bundled spec as it is, linked from the page for download
//   control.html      "Local server control API": the same for the local server's /_control/ API
//   control-openapi.{yaml,json}  its document, for download
//   *.svg             the spec's diagrams, shown by the introduction
//   assets/           theme, favicon and self-hosted fonts
// Nothing on the page is loaded from another host; the build fails if something would be.
import { spawn } from "node:child_process";
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { withCodeSamples } from "./code-samples.mjs";
import { findExternalResources } from "./external-resources.mjs";
import {
  controlRedoclyConfig,
  controlSpecJson,
  controlSpecYaml,
  distDir,
  fontPackages,
  redoclyCli,
  redoclyConfig,
  renderedSpecJson,
  specDiagrams,
  specJson,
  specYaml,
  srcDir,
  stagingDir,
} from "./paths.mjs";

/**
 * Builds dist/ from scratch. The site is assembled in a staging folder and swapped in at the end,
 * so a failed build (a spec error during `pnpm dev`) leaves the last good site in place.
 * Resolves when done; rejects with a readable message on failure.
 * @param {{ quiet?: boolean, localServers?: { url: string, description: string }[] }} [options]
 *   `localServers`: servers to offer on the page besides the spec's own (the Prism mock and the
 *   local server of `pnpm dev`); the published page and the downloadable spec never list them.
 */
export async function buildSite({ quiet = false, localServers = [] } = {}) {
  await assertReadable(specYaml, "build the spec first: pnpm --filter @notebook-image/spec build");
  const stage = stagingDir;
  await rm(stage, { recursive: true, force: true });
  await mkdir(join(stage, "assets", "fonts"), { recursive: true });
  try {
    await writeRenderedSpec(localServers);
    await renderPage(renderedSpecJson, redoclyConfig, join(stage, "index.html"), quiet);
    await localiseRedocLogo(join(stage, "index.html"));
    await renderPage(controlSpecJson, controlRedoclyConfig, join(stage, "control.html"), quiet);
    await localiseRedocLogo(join(stage, "control.html"));
    await copyFile(specYaml, join(stage, "openapi.yaml"));
    await copyFile(specJson, join(stage, "openapi.json"));
    await copyFile(controlSpecYaml, join(stage, "control-openapi.yaml"));
    await copyFile(controlSpecJson, join(stage, "control-openapi.json"));
    for (const diagram of specDiagrams) await copyFile(diagram, join(stage, basename(diagram)));
    for (const file of ["theme.css", "favicon.svg", ...Object.values(redocLogos)]) {
      await copyFile(join(srcDir, file), join(stage, "assets", file));
    }
    await copyFonts(join(stage, "assets"));
    await assertSelfContained(stage);
  } catch (error) {
    await rm(stage, { recursive: true, force: true });
    throw error;
  }
  await rm(distDir, { recursive: true, force: true });
  await rename(stage, distDir);
}

/**
 * The document the page is rendered from: the bundled spec, its code samples woven in, and the
 * local servers given.
 * @param {{ url: string, description: string }[]} localServers
 */
async function writeRenderedSpec(localServers) {
  const spec = withCodeSamples(JSON.parse(await readFile(specJson, "utf8")));
  spec.servers = [...(spec.servers ?? []), ...localServers];
  await mkdir(dirname(renderedSpecJson), { recursive: true });
  await writeFile(renderedSpecJson, `${JSON.stringify(spec, null, 2)}\n`);
}

/**
 * @param {string} document the OpenAPI document the page shows
 * @param {string} config its Redocly configuration
 * @param {string} output
 * @param {boolean} quiet
 */
function renderPage(document, config, output, quiet) {
  const args = [redoclyCli, "build-docs", document, "--config", config, "--lint-config", "error"];
  // --inlineBundle: without it the page imports Redoc from Redocly's CDN.
  args.push("--inlineBundle", "--output", output);
  // Telemetry off for the CLI and for the page (the page reads it from the CLI's setting), and no
  // update check: the build talks to no server.
  const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (chunk) => {
      log += chunk;
    });
    child.stderr.on("data", (chunk) => {
      log += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) {
        if (!quiet) process.stdout.write(importantLines(log));
        resolve(undefined);
      } else {
        reject(new Error(`redocly build-docs failed (exit ${code}):\n${log}`));
      }
    });
  });
}

/**
 * Redoc's sidebar footer ("API docs by Redoc") loads its logo from Redocly's CDN at run time, and
 * no option turns that off; the attribution stays, with the logo served from assets/.
 */
const redocLogos = {
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg": "redoc-wordmark.svg",
  "https://cdn.redoc.ly/redoc/logo-mini.svg": "redoc-mark.svg",
};

/** @param {string} indexHtml */
async function localiseRedocLogo(indexHtml) {
  let html = await readFile(indexHtml, "utf8");
  for (const [remote, local] of Object.entries(redocLogos)) {
    const count = html.split(remote).length - 1;
    // A Redoc upgrade that moves the logo must fail here, not silently ship a CDN request.
    if (count !== 1)
      throw new Error(`expected Redoc's logo URL ${remote} once in index.html, found it ${count} times`);
    html = html.replace(remote, `assets/${local}`);
  }
  await writeFile(indexHtml, html);
}

/** Redocly prints banners (Node 20 deprecation, Redoc 3 notice) around one useful line. */
/** @param {string} log */
function importantLines(log) {
  return `${log
    .split("\n")
    .filter((line) => /bundled successfully|warning|error/i.test(line) && !/[║╔╚]/.test(line))
    .join("\n")}\n`;
}

/** Copies each font package's variable-weight stylesheet and the files it names. */
/** @param {string} assetsDir */
async function copyFonts(assetsDir) {
  const stylesheets = [];
  for (const font of fontPackages) {
    const css = await readFile(font.css, "utf8");
    stylesheets.push(
      `/* ${font.name} (SIL Open Font License 1.1) */\n${css.replaceAll("./files/", "./fonts/")}`,
    );
    for (const file of await readdir(font.files)) {
      if (css.includes(`./files/${file}`))
        await copyFile(join(font.files, file), join(assetsDir, "fonts", file));
    }
  }
  await writeFile(join(assetsDir, "fonts.css"), stylesheets.join("\n"));
}

/** @param {string} siteDir */
async function assertSelfContained(siteDir) {
  const files = ["index.html", "control.html", "assets/theme.css", "assets/fonts.css"];
  const problems = [];
  for (const file of files) {
    for (const url of findExternalResources(await readFile(join(siteDir, file), "utf8"))) {
      problems.push(`${file} loads ${url}`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`the docs would load resources from other hosts:\n  ${problems.join("\n  ")}`);
  }
}

/**
 * @param {string} file
 * @param {string} hint
 */
async function assertReadable(file, hint) {
  try {
    await readFile(file);
  } catch {
    throw new Error(`${file} is missing: ${hint}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildSite().then(
    () => console.log(`[docs] built ${distDir}`),
    (error) => {
      console.error(`[docs] ${error.message}`);
      process.exitCode = 1;
    },
  );
}
