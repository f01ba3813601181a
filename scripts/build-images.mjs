// `pnpm image`: builds the container images of the server and the mock from the root Containerfile
// (its targets `server` and `mock`, which share one build stage), with podman (or docker when there is no
// podman), tagged `<name>:<package version>` and `<name>:latest`, and prints their sizes.
//
//   pnpm image [--base <image>] [--engine podman|docker]
//
// --base replaces the Containerfile's BASE (the official node image); the tests pass the offline
// stand-in made by scripts/offline-image-base.sh. podman builds in the Docker image format, which
// keeps the HEALTHCHECK (the OCI format has no field for it). The engine's own configuration and
// storage are used (CONTAINERS_CONF, CONTAINERS_STORAGE_CONF, DOCKER_HOST… pass through).
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The images: their name, the Containerfile's target and the package whose version tags them. */
export const IMAGES = [
  { name: "notebook-image-server", target: "server", packageDir: "apps/server" },
  { name: "notebook-image-mock", target: "mock", packageDir: "packages/mock" },
];

const USAGE = "usage: pnpm image [--base <image>] [--engine podman|docker]";

function main() {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2).filter((arg) => arg !== "--"),
      options: { base: { type: "string" }, engine: { type: "string" }, help: { type: "boolean" } },
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const engine = values.engine ?? (onPath("podman") ? "podman" : onPath("docker") ? "docker" : undefined);
  if (engine === undefined)
    fail("neither podman nor docker is on PATH: install one (sudo apt-get install podman)");
  if (engine !== "podman" && engine !== "docker") fail(`--engine must be podman or docker, not "${engine}"`);
  if (values.base === "") fail("--base must name an image");

  const source = git(["remote", "get-url", "origin"]);
  const revision = git(["rev-parse", "HEAD"]);
  for (const image of IMAGES) {
    const { version } = JSON.parse(readFileSync(`${root}/${image.packageDir}/package.json`, "utf8"));
    const args = [
      "build",
      ...(engine === "podman" ? ["--format", "docker"] : []),
      "--file",
      "Containerfile",
      "--target",
      image.target,
      "--build-arg",
      `VERSION=${version}`,
      ...(values.base ? ["--build-arg", `BASE=${values.base}`] : []),
      ...(source ? ["--build-arg", `SOURCE=${source}`] : []),
      ...(revision ? ["--label", `org.opencontainers.image.revision=${revision}`] : []),
      "--tag",
      `${image.name}:${version}`,
      "--tag",
      `${image.name}:latest`,
      ".",
    ];
    console.log(`image: ${engine} ${args.join(" ")}`);
    const started = Date.now();
    const build = spawnSync(engine, args, { cwd: root, stdio: "inherit" });
    if (build.status !== 0)
      fail(`building ${image.name} failed (${engine} exited with ${build.status ?? build.signal})`);
    console.log(`image: ${image.name}:${version} built in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  for (const image of IMAGES) {
    const size = execFileSync(engine, ["image", "inspect", "--format", "{{.Size}}", `${image.name}:latest`], {
      encoding: "utf8",
    });
    console.log(`image: ${image.name}:latest ${(Number(size) / 1e6).toFixed(0)} MB`);
  }
}

/** @param {string} program */
function onPath(program) {
  return spawnSync(program, ["--version"], { stdio: "ignore" }).status === 0;
}

/** The output of a git command in the repository, or "" where there is no git or no answer. @param {string[]} args */
function git(args) {
  const result = spawnSync("git", args, { cwd: root, encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : "";
}

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(`image: ${message}`);
  process.exit(2);
}

main();
