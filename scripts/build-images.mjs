// `pnpm image`: builds the container images of the server and the mock from the root Containerfile
// (its targets `server` and `mock`, which share one build stage), with podman (or docker when there is no
// podman), tagged `<name>:<package version>` and `<name>:latest`, and prints their sizes.
//
//   pnpm image [--base <image>] [--engine podman|docker] [--from-host]
//
// --base replaces the Containerfile's BASE (the official node image); the tests pass the offline
// stand-in made by scripts/offline-image-base.sh.
// --from-host builds the two packages on this machine instead of inside the image build: turbo builds
// them (a cache hit when they are built already), `pnpm deploy --prod` writes each with its production
// dependencies into a temporary directory, and that directory replaces the Containerfile's `build` stage
// (`--build-context build=<dir>`: podman, buildah and docker's BuildKit let a build context stand for the
// stage of its name). The images are the same but for where the build ran; the work done already on the
// host (CI builds every package before its tests) is not done again. The deployed dependencies are the
// host's: only on Linux, of the image's architecture. podman builds in the Docker image format, which
// keeps the HEALTHCHECK (the OCI format has no field for it). The engine's own configuration and
// storage are used (CONTAINERS_CONF, CONTAINERS_STORAGE_CONF, DOCKER_HOST… pass through).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The images: their name, the Containerfile's target and the package whose version tags them. */
export const IMAGES = [
  { name: "notebook-image-server", target: "server", packageDir: "apps/server" },
  { name: "notebook-image-mock", target: "mock", packageDir: "packages/mock" },
];

const USAGE = "usage: pnpm image [--base <image>] [--engine podman|docker] [--from-host]";

/** The Containerfile's stage that builds and deploys both packages, which --from-host replaces. */
const BUILD_STAGE = "build";

function main() {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2).filter((arg) => arg !== "--"),
      options: {
        base: { type: "string" },
        engine: { type: "string" },
        "from-host": { type: "boolean" },
        help: { type: "boolean" },
      },
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
  if (values["from-host"] && process.platform !== "linux")
    fail(
      `--from-host deploys this machine's dependencies into the images: it needs Linux, not ${process.platform}`,
    );

  // A failing step throws rather than exits, so that the host's deploy is removed on the way out.
  /** @type {string | undefined} */
  let deployed;
  let failure;
  try {
    deployed = values["from-host"] ? deployOnHost() : undefined;
    buildImages(engine, values.base, deployed);
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  if (deployed) rmSync(deployed, { recursive: true, force: true });
  if (failure !== undefined) fail(failure);
}

/**
 * Builds the images' packages on this machine and deploys them as the Containerfile's build stage
 * leaves them (<dir>/deploy/<target>); the directory.
 */
function deployOnHost() {
  const filters = IMAGES.map((image) => `--filter=${packageName(image)}`);
  console.log("image: building the packages on this machine (--from-host)");
  run("pnpm", ["exec", "turbo", "run", "build", ...filters, "--output-logs=errors-only"]);
  const dir = mkdtempSync(join(tmpdir(), "notebook-image-deploy-"));
  try {
    for (const image of IMAGES)
      run("pnpm", ["deploy", `--filter=${packageName(image)}`, "--prod", join(dir, "deploy", image.target)]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return dir;
}

/**
 * @param {"podman" | "docker"} engine
 * @param {string | undefined} base
 * @param {string | undefined} deployed the host's deploy (--from-host), standing for the build stage
 */
function buildImages(engine, base, deployed) {
  const source = git(["remote", "get-url", "origin"]);
  const revision = git(["rev-parse", "HEAD"]);
  for (const image of IMAGES) {
    const { version } = manifest(image);
    const args = [
      "build",
      ...(engine === "podman" ? ["--format", "docker"] : []),
      "--file",
      "Containerfile",
      "--target",
      image.target,
      "--build-arg",
      `VERSION=${version}`,
      ...(base ? ["--build-arg", `BASE=${base}`] : []),
      ...(deployed ? ["--build-context", `${BUILD_STAGE}=${deployed}`] : []),
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
      throw new Error(
        `building ${image.name} failed (${engine} exited with ${build.status ?? build.signal})`,
      );
    console.log(`image: ${image.name}:${version} built in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  for (const image of IMAGES) {
    const size = execFileSync(engine, ["image", "inspect", "--format", "{{.Size}}", `${image.name}:latest`], {
      encoding: "utf8",
    });
    console.log(`image: ${image.name}:latest ${(Number(size) / 1e6).toFixed(0)} MB`);
  }
}

/** @param {{ packageDir: string }} image the package.json of the image's package */
function manifest(image) {
  return JSON.parse(readFileSync(`${root}/${image.packageDir}/package.json`, "utf8"));
}

/** @param {{ packageDir: string }} image */
function packageName(image) {
  return manifest(image).name;
}

/** Runs a command in the repository, its output shown; throws when it fails. @param {string} program @param {string[]} args */
function run(program, args) {
  const result = spawnSync(program, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0)
    throw new Error(`${program} ${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
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
