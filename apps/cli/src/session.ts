// From the command line and the environment to client options, with every problem found on the
// way: the command line's, the credentials', and the client's own checks of its options.
import {
  type Auth,
  type NotebookImageClientOptions,
  regionEndpointsFromEnv,
  validateClientOptions,
} from "@notebook-image/client";
import type { CommonOptions } from "./args.js";
import { loadCredentials } from "./credentials.js";
import { optionProblem, type ValueSources } from "./issue-subjects.js";
import type { Output } from "./output.js";
import type { Problem } from "./problem.js";
import { DEFAULT_PROFILE, type Profile, profilesPath, readProfiles } from "./profiles.js";

/** The client's options; without `auth` only for a dry run, which shows placeholders instead. */
export type ClientOptions = Omit<NotebookImageClientOptions, "fetch" | "retry" | "auth"> & { auth?: Auth };

export interface Session {
  /** The client options, or undefined when some problem makes them unusable. */
  options: ClientOptions | undefined;
  problems: Problem[];
  sources: ValueSources;
  /** No credentials were found and the dry run shows placeholders in their place. */
  placeholders: boolean;
}

/**
 * Everything needed to make a client. With `dryRun`, missing credentials are not a problem: the
 * request is shown with placeholders instead.
 */
export async function openSession(common: CommonOptions, output: Output): Promise<Session> {
  const env = output.env;
  const { profile, problem: profileProblem } = await pickProfile(common.profile, env);
  const { credentials, problems, sources, missingCredentials } = await loadCredentials(
    env,
    {
      ...(common.tokenFile === undefined ? {} : { tokenFile: common.tokenFile }),
      ...(common.projectId === undefined ? {} : { projectId: common.projectId }),
    },
    profile,
  );
  if (profileProblem !== undefined) problems.unshift(profileProblem);
  if (credentials !== undefined) output.secrets.push(...credentials.secrets);
  const placeholders = common.dryRun && missingCredentials;
  const kept = placeholders ? problems.filter((p) => !p.credentialsMissing) : problems;

  const regionEndpoints = regionEndpointsFromEnv(env);
  const projectId =
    credentials?.projectId ??
    common.projectId ??
    env.HUAWEICLOUD_SDK_PROJECT_ID?.trim() ??
    profile?.values.project_id ??
    "";
  // Where requests go: the flags, else the profile's (the flags' --region or --endpoint replaces
  // both of the profile's, which could only conflict with it).
  const flagsSayWhere = common.region !== undefined || common.endpoint !== undefined;
  const region = flagsSayWhere ? common.region : profile?.values.region;
  const endpoint = flagsSayWhere ? common.endpoint : profile?.values.endpoint;
  const options: ClientOptions = {
    projectId,
    ...(credentials === undefined ? {} : { auth: credentials.auth }),
    headers: headerRecord(common.headers),
    ...(region === undefined ? {} : { region }),
    // A region's endpoint as Huawei's SDKs take it from HUAWEICLOUD_SDK_REGION_MODELARTS_<REGION>.
    ...(Object.keys(regionEndpoints).length === 0 ? {} : { regionEndpoints }),
    ...(endpoint === undefined ? {} : { baseUrl: endpoint }),
    ...(common.timeoutMs === undefined ? {} : { timeoutMs: common.timeoutMs }),
  };
  // A value reported missing above need not be reported invalid too.
  const missing = new Set(kept.filter((p) => p.valueMissing).map((p) => p.subject));
  if (projectId === "") missing.add(sources.projectId);
  const all = [...kept];
  // Without credentials the other options are still checked, so that every problem is reported
  // in one run: with a stand-in token, which is never sent.
  for (const issue of validateClientOptions({ auth: { token: "stand-in" }, ...options })) {
    const problem = optionProblem(issue, sources);
    if (!missing.has(problem.subject)) all.push(problem);
  }
  const usable = all.length === 0 && (credentials !== undefined || placeholders);
  return { options: usable ? options : undefined, problems: all, sources, placeholders };
}

/** Repeated --header names are joined with ", ", as HTTP combines repeated fields. */
function headerRecord(headers: CommonOptions["headers"]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of headers) {
    const existing = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
    if (existing === undefined) record[name] = value;
    else record[existing] = `${record[existing]}, ${value}`;
  }
  return record;
}

/**
 * The profile --profile names (a problem when the file lacks it), else [default] when the file has
 * one, else none.
 */
async function pickProfile(
  name: string | undefined,
  env: Output["env"],
): Promise<{ profile?: { name: string; values: Profile }; problem?: Problem }> {
  const path = profilesPath(env);
  let profiles: Record<string, Profile>;
  try {
    profiles = await readProfiles(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return {
      problem: { subject: name === undefined ? path : "--profile", message: `cannot read ${path}: ${code}` },
    };
  }
  const wanted = name ?? DEFAULT_PROFILE;
  const values = Object.hasOwn(profiles, wanted) ? profiles[wanted] : undefined;
  if (values !== undefined) return { profile: { name: wanted, values } };
  if (name === undefined) return {};
  const known = Object.keys(profiles);
  return {
    problem: {
      subject: "--profile",
      message: `no profile '${name}' in ${path} (${known.length === 0 ? "it has none" : `it has ${known.join(", ")}`}); notebook-image configure --profile ${name} writes one`,
    },
  };
}
