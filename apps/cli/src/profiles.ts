// Profiles, as KooCLI and Huawei's SDKs keep them: named sets of region, project, endpoint and
// credentials, written by `notebook-image configure` and picked with --profile (else [default]).
// One INI file, `$XDG_CONFIG_HOME/notebook-image/credentials` (~/.config when unset), mode 600 in a
// directory of mode 700. The keys are those of the SDKs' credentials file (~/.huaweicloud/credentials:
// `ak`, `sk`, `security_token`, `project_id`), one section per profile where the SDKs have a single
// [basic]; `region`, `endpoint` and `token` (an IAM token) are this CLI's.
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { parse, stringify } from "ini";

export interface Profile {
  region?: string;
  endpoint?: string;
  project_id?: string;
  ak?: string;
  sk?: string;
  security_token?: string;
  token?: string;
}

/** The keys a profile may have, in the order they are written and read from stdin. */
export const profileKeys = [
  "region",
  "endpoint",
  "project_id",
  "ak",
  "sk",
  "security_token",
  "token",
] as const;

/** Those whose values are secrets: never on the command line, never printed. */
export const secretKeys = new Set<keyof Profile>(["ak", "sk", "security_token", "token"]);

export const DEFAULT_PROFILE = "default";
const PROFILE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

type Env = Readonly<Record<string, string | undefined>>;

export function profilesPath(env: Env): string {
  const base = env.XDG_CONFIG_HOME?.trim() || join(env.HOME?.trim() || homedir(), ".config");
  return join(base, "notebook-image", "credentials");
}

/** Why a profile name cannot be used, or undefined when it can. */
export function profileNameProblem(name: string): string | undefined {
  return PROFILE_NAME.test(name)
    ? undefined
    : `'${name}' is not a profile name: letters, digits, '.', '_' and '-', at most 64`;
}

/** Every profile of the file; an empty object when there is no file. */
export async function readProfiles(path: string): Promise<Record<string, Profile>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  const sections = parse(text) as Record<string, unknown>;
  const profiles: Record<string, Profile> = {};
  for (const [name, section] of Object.entries(sections)) {
    if (section === null || typeof section !== "object") continue;
    const profile: Profile = {};
    for (const key of profileKeys) {
      const value = (section as Record<string, unknown>)[key];
      if (typeof value === "string" && value.trim() !== "") profile[key] = value.trim();
    }
    profiles[name] = profile;
  }
  return profiles;
}

/** Writes one profile (replacing one of the same name), keeping the others; the file is mode 600. */
export async function writeProfile(path: string, name: string, profile: Profile): Promise<void> {
  const profiles = await readProfiles(path);
  profiles[name] = profile;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const text = `; notebook-image profiles (notebook-image configure). Holds secrets: keep it mode 600.\n${stringify(profiles)}`;
  await writeFile(path, text, { mode: 0o600 });
  // writeFile's mode applies to a new file only: an existing one is narrowed too.
  await chmod(path, 0o600);
}
