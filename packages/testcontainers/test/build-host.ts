// The tests' image builds: podman with its storage kept in the cache directory from one run to the
// next (the layer cache is what keeps a build short), the offline base imported into it, and the
// images built by `pnpm image --from-host` (scripts/build-images.mjs) on that base: from the packages
// this machine has built already (turbo builds them before this package's tests), deployed with
// `pnpm deploy --prod`. The Containerfile's own build stage, which `pnpm image` without --from-host
// runs, is not built here: it would build every package a second time inside the image build.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The repository's root: the Containerfile's build context, and where the root scripts are. */
export const REPO_ROOT = join(import.meta.dirname, "../../..");

/** The images `pnpm image` builds, with the version of the package each is tagged with. */
export const IMAGES = {
  server: {
    name: "notebook-image-server",
    packageDir: "apps/server",
  },
  mock: {
    name: "notebook-image-mock",
    packageDir: "packages/mock",
  },
} as const;

/** `<name>:<version>`, the tag `pnpm image` gives the image of `image`. */
export function imageRef(image: keyof typeof IMAGES): string {
  const { name, packageDir } = IMAGES[image];
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, packageDir, "package.json"), "utf8"));
  return `${name}:${version}`;
}

// Past this many images (about ten builds' intermediate layers), the build storage drops the untagged
// ones older than a week. Not all of them: the layers of the lockfile's packages are untagged too,
// and pruning them took minutes here and made the next build fetch every package again.
const PRUNE_ABOVE_IMAGES = 150;
const PRUNE_OLDER_THAN = "168h";
const BUILD_TIMEOUT_MS = 20 * 60_000;

function cacheDir(): string {
  return (
    process.env.NOTEBOOK_IMAGE_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "notebook-image")
  );
}

/** The build storage's directory in the cache: its configuration, and its graphroot `storage`. */
function buildDir(): string {
  return join(cacheDir(), "image-build");
}

/**
 * The build storage's graphroot (build-host/storage.conf): the engine host the tests talk to reads
 * the images there in place (an additional image store), rather than a copy of them.
 */
export function buildStorage(): string {
  return join(buildDir(), "storage");
}

/** The environment under which podman works on the build storage (in the cache directory). */
export function buildHostEnvironment(): NodeJS.ProcessEnv {
  const dir = buildDir();
  for (const sub of ["libpod", "static", "volumes", "networks", "storage", "run", "tmp"]) {
    mkdirSync(join(dir, sub), { recursive: true });
  }
  const config = (name: string) => {
    const text = readFileSync(new URL(`build-host/${name}`, import.meta.url), "utf8").replaceAll(
      "{{dir}}",
      dir,
    );
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  return {
    ...process.env,
    // buildah keeps RUN --mount=type=cache directories under TMPDIR: in the cache too, so they last.
    TMPDIR: join(dir, "tmp"),
    CONTAINERS_CONF: config("containers.conf"),
    CONTAINERS_STORAGE_CONF: config("storage.conf"),
  };
}

/**
 * The offline stand-in for the Containerfile's default base (the official node image of the same
 * major release): scripts/offline-image-base.sh makes its root file system once (bootstrap does it
 * in CI), and it is imported into the build storage once; its reference is returned.
 */
export async function offlineBase(env: NodeJS.ProcessEnv): Promise<string> {
  const containerfile = readFileSync(join(REPO_ROOT, "Containerfile"), "utf8");
  const major = /^ARG BASE=\S*\/node:(\d+)-/m.exec(containerfile)?.[1];
  if (major === undefined) throw new Error(`Containerfile: no ARG BASE=…/node:<major>-… line`);
  return importOfflineImage(
    env,
    ["node", major],
    [
      // The bundle the base was made with (see offline-image-base.sh), for Node.js and npm/pnpm.
      "ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt",
      "ENV npm_config_cafile=/etc/ssl/certs/ca-certificates.crt",
      'CMD ["node"]',
    ],
  );
}

/**
 * `scripts/offline-image-base.sh <args>`'s root file system (made once into the cache), imported
 * into the build storage once as `localhost/notebook-image-offline-base:<tarball's name>` with the
 * standard PATH and `changes`; its reference.
 */
async function importOfflineImage(
  env: NodeJS.ProcessEnv,
  args: string[],
  changes: string[],
): Promise<string> {
  const { stdout } = await run("bash", [join(REPO_ROOT, "scripts/offline-image-base.sh"), ...args], {
    timeout: BUILD_TIMEOUT_MS,
  });
  const tarball = stdout.trim();
  const ref = `localhost/notebook-image-offline-base:${basename(tarball, ".tar")}`;
  const exists = await run("podman", ["image", "exists", ref], { env }).then(
    () => true,
    () => false,
  );
  if (!exists) {
    const allChanges = ["ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", ...changes];
    await run("podman", ["import", "--quiet", ...allChanges.flatMap((c) => ["--change", c]), tarball, ref], {
      env,
      timeout: BUILD_TIMEOUT_MS,
    });
  }
  return ref;
}

/** Runs `pnpm image --base <base> --from-host` (scripts/build-images.mjs) in the build storage; its output. */
export async function buildImages(env: NodeJS.ProcessEnv, base: string): Promise<string> {
  const images = (await run("podman", ["images", "--all", "--quiet"], { env })).stdout
    .split("\n")
    .filter(Boolean);
  if (images.length > PRUNE_ABOVE_IMAGES)
    await run("podman", ["image", "prune", "--force", "--filter", `until=${PRUNE_OLDER_THAN}`], { env });
  const { stdout, stderr } = await run(
    process.execPath,
    [join(REPO_ROOT, "scripts/build-images.mjs"), "--base", base, "--from-host"],
    {
      env,
      cwd: REPO_ROOT,
      timeout: BUILD_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    },
  ).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(
      `pnpm image failed: ${error.message}\n${(error.stdout ?? "").slice(-4000)}\n${(error.stderr ?? "").slice(-4000)}`,
    );
  });
  return `${stdout}${stderr}`;
}

/**
 * The compose test's stand-in for the official postgres image (test/postgres/Containerfile on the
 * offline root file system with Debian's postgresql, `scripts/offline-image-base.sh postgres`), built in
 * the build storage; its reference.
 */
export async function buildPostgresStandIn(env: NodeJS.ProcessEnv): Promise<string> {
  const base = await importOfflineImage(env, ["postgres"], []);
  const ref = "localhost/notebook-image-test-postgres:15";
  await run(
    "podman",
    ["build", "--quiet", "--format", "docker", "--build-arg", `BASE=${base}`, "--tag", ref, "postgres"],
    { env, cwd: import.meta.dirname, timeout: BUILD_TIMEOUT_MS },
  );
  return ref;
}
