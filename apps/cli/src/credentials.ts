import { readFile } from "node:fs/promises";
import type { ValueSources } from "./issue-subjects.js";
import type { Problem } from "./problem.js";
import type { Profile } from "./profiles.js";

/** Environment variables the CLI reads. The AK/SK and project ones are Huawei's official SDKs'. */
export const envVars = {
  token: "NOTEBOOK_IMAGE_TOKEN",
  accessKey: "HUAWEICLOUD_SDK_AK",
  secretKey: "HUAWEICLOUD_SDK_SK",
  securityToken: "HUAWEICLOUD_SDK_SECURITY_TOKEN",
  projectId: "HUAWEICLOUD_SDK_PROJECT_ID",
} as const;

export type Auth = { token: string } | { accessKey: string; secretKey: string; securityToken?: string };

export interface Credentials {
  auth: Auth;
  projectId: string;
  /** Every secret value in play, so that output can be scrubbed of them whatever happens. */
  secrets: string[];
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Finds the credentials, first match wins: `--token-file`, then `NOTEBOOK_IMAGE_TOKEN`, then AK/SK
 * from the SDK variables, then the profile's token or access key pair. A token set for one run is
 * meant to override AK/SK kept in a profile.
 */
export async function loadCredentials(
  env: Env,
  flags: { tokenFile?: string; projectId?: string },
  /** The profile picked (--profile, else [default] when there is one): the last to be asked. */
  profile?: { name: string; values: Profile },
): Promise<{
  credentials?: Credentials;
  problems: Problem[];
  sources: ValueSources;
  /** No token and no access key were given at all (not merely a bad one). */
  missingCredentials: boolean;
}> {
  const problems: Problem[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const fromProfile = `profile '${profile?.name}'`;
  const envHasCredentials = [envVars.token, envVars.accessKey, envVars.secretKey].some(
    (name) => read(name) !== undefined,
  );
  // Flags first, then the environment, then the profile: the environment still wins over a profile.
  const profileAuth = flags.tokenFile === undefined && !envHasCredentials ? profile?.values : undefined;
  const sources: ValueSources = {
    token:
      flags.tokenFile !== undefined
        ? "--token-file"
        : profileAuth?.token !== undefined
          ? fromProfile
          : envVars.token,
    projectId:
      flags.projectId !== undefined
        ? "--project-id"
        : read(envVars.projectId) === undefined && profile?.values.project_id !== undefined
          ? fromProfile
          : envVars.projectId,
  };

  const projectId = flags.projectId ?? read(envVars.projectId) ?? profile?.values.project_id;
  if (projectId === undefined) {
    problems.push({
      subject: "--project-id",
      message: `missing: give --project-id, set ${envVars.projectId}, or keep it in a profile (notebook-image configure)`,
      valueMissing: true,
    });
  }

  let auth: Auth | undefined;
  let missingCredentials = false;
  if (flags.tokenFile !== undefined) {
    const token = await readTokenFile(flags.tokenFile, problems);
    if (token !== undefined) auth = { token };
  } else if (read(envVars.token) !== undefined) {
    auth = { token: read(envVars.token) ?? "" };
  } else if (profileAuth?.token !== undefined) {
    auth = { token: profileAuth.token };
  } else {
    const fromEnv = read(envVars.accessKey) !== undefined || read(envVars.secretKey) !== undefined;
    const accessKey = fromEnv ? read(envVars.accessKey) : profileAuth?.ak;
    const secretKey = fromEnv ? read(envVars.secretKey) : profileAuth?.sk;
    const securityToken = fromEnv ? read(envVars.securityToken) : profileAuth?.security_token;
    if (accessKey !== undefined && secretKey !== undefined) {
      auth = securityToken === undefined ? { accessKey, secretKey } : { accessKey, secretKey, securityToken };
    } else if (accessKey !== undefined || secretKey !== undefined) {
      const missing = accessKey === undefined ? envVars.accessKey : envVars.secretKey;
      problems.push({
        subject: fromEnv ? missing : fromProfile,
        message: fromEnv
          ? "missing: AK/SK signing needs both HUAWEICLOUD_SDK_AK and _SK"
          : "has only half of an access key pair (ak and sk): run notebook-image configure again",
      });
    } else {
      missingCredentials = true;
      problems.push({
        subject: "credentials",
        message: `none found: use --token-file, or set ${envVars.token}, or set ${envVars.accessKey} and ${envVars.secretKey}, or keep them in a profile (notebook-image configure)`,
        credentialsMissing: true,
      });
    }
  }

  if (auth === undefined || projectId === undefined) return { problems, sources, missingCredentials };
  const secrets = "token" in auth ? [auth.token] : [auth.accessKey, auth.secretKey, auth.securityToken];
  return {
    credentials: { auth, projectId, secrets: secrets.filter((s): s is string => s !== undefined) },
    problems,
    sources,
    missingCredentials,
  };
}

async function readTokenFile(path: string, problems: Problem[]): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    // Only the error code: a message could in theory quote file content.
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    const reason = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : code;
    problems.push({ subject: "--token-file", message: `cannot read ${path}: ${reason}` });
    return undefined;
  }
  const token = text.trim();
  if (token === "") {
    problems.push({ subject: "--token-file", message: `${path} is empty` });
    return undefined;
  }
  if (/[\r\n]/.test(token)) {
    problems.push({ subject: "--token-file", message: `${path} must hold the token alone, on one line` });
    return undefined;
  }
  return token;
}
