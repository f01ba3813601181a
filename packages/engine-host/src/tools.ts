import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** A program the engine host runs, and the Debian package that provides it. */
export interface EngineTool {
  program: string;
  debianPackage: string;
  why: string;
}

/** Which engine serves the Docker Engine API on the host's socket. */
export type EngineHostKind = "podman" | "docker";

/** The programs of a podman host (the default kind). */
export const ENGINE_TOOLS: readonly EngineTool[] = [
  { program: "podman", debianPackage: "podman", why: "serves the Docker Engine API (podman system service)" },
  {
    program: "runc",
    debianPackage: "runc",
    why: "runs the containers (the host uses runc: crun failed where this was tested)",
  },
  { program: "conmon", debianPackage: "conmon", why: "monitors each container (installed with podman)" },
  {
    program: "docker-registry",
    debianPackage: "docker-registry",
    why: "the OCI registry images are pushed to",
  },
  {
    program: "busybox",
    debianPackage: "busybox-static",
    why: "the root filesystem of the base notebook image",
  },
  { program: "tar", debianPackage: "tar", why: "packs the base image's root filesystem" },
];

/** The programs of a Docker host (ENGINE_HOST_KIND=docker): Debian's docker.io instead of podman. */
export const DOCKER_ENGINE_TOOLS: readonly EngineTool[] = [
  { program: "dockerd", debianPackage: "docker.io", why: "serves the Docker Engine API" },
  {
    program: "containerd",
    debianPackage: "containerd",
    why: "runs dockerd's containers (installed with docker.io)",
  },
  ...ENGINE_TOOLS.filter((tool) => tool.program !== "podman" && tool.program !== "conmon"),
];

/** The tools of a host of `kind`. */
export function engineTools(kind: EngineHostKind): readonly EngineTool[] {
  return kind === "docker" ? DOCKER_ENGINE_TOOLS : ENGINE_TOOLS;
}

/** The kind ENGINE_HOST_KIND asks for (default podman); anything else is refused, naming the variable. */
export function engineHostKind(env: NodeJS.ProcessEnv = process.env): EngineHostKind {
  const value = env.ENGINE_HOST_KIND ?? "";
  if (value === "" || value === "podman") return "podman";
  if (value === "docker") return "docker";
  throw new EngineHostUnavailableError(`ENGINE_HOST_KIND must be podman or docker, not "${value}".`);
}

const SEARCH_PATH = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

/** Absolute path of `program` on PATH (or the usual system directories), or undefined. */
export function findProgram(program: string): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(delimiter).filter(Boolean), ...SEARCH_PATH];
  for (const dir of dirs) {
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** The tools of a host of `kind` that are not installed. */
export function missingEngineTools(kind: EngineHostKind = "podman"): EngineTool[] {
  return engineTools(kind).filter((tool) => findProgram(tool.program) === undefined);
}

/** What to tell a person who lacks `missing`: what each is for and the command that installs them. */
export function explainMissingTools(missing: readonly EngineTool[]): string {
  const packages = [...new Set(missing.map((tool) => tool.debianPackage))].join(" ");
  const lines = missing.map(
    (tool) => `  - ${tool.program} (Debian package ${tool.debianPackage}): ${tool.why}`,
  );
  return [
    "The container engine host needs programs that are not installed:",
    ...lines,
    `Install them with \`sudo bash scripts/bootstrap.sh\` (as root on Debian) or \`sudo apt-get install ${packages}\`.`,
  ].join("\n");
}

/** Thrown by startEngineHost when something it needs is missing; the message says how to get it. */
export class EngineHostUnavailableError extends Error {
  override readonly name = "EngineHostUnavailableError";
}

/** Refuses to go on (with the explanation) when a tool is missing or we are not root. */
export function assertEngineHostCanRun(kind: EngineHostKind = "podman"): void {
  const missing = missingEngineTools(kind);
  if (missing.length > 0) throw new EngineHostUnavailableError(explainMissingTools(missing));
  const uid = process.getuid?.();
  if (uid !== 0) {
    throw new EngineHostUnavailableError(
      kind === "docker"
        ? `The private container engine host runs dockerd, which needs root (this process runs as uid ${uid}): run it as root, or use a Docker API you already have through DOCKER_HOST.`
        : `The private container engine host runs podman as root (this process runs as uid ${uid}): rootless podman would need subuid/subgid ranges for the user, newuidmap (Debian package uidmap) and a user session. Run it as root, or use a Docker or Podman API you already have through DOCKER_HOST.`,
    );
  }
}
