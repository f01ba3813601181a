// `notebook-image configure [--profile NAME]`: writes a profile. The region, project and endpoint may
// be flags; the credentials never are (a flag stays in the shell's history and in `ps`): they are
// asked on a terminal without echo, or read from stdin as `key=value` lines when stdin is not one
// (`printf 'ak=…\nsk=…\n' | notebook-image configure`, or a secrets manager's pipe).
import { validateClientOptions } from "@notebook-image/client";
import { read } from "read";
import { ExitCode } from "./exit-codes.js";
import { formatProblems } from "./format.js";
import type { Io } from "./io.js";
import { optionProblem } from "./issue-subjects.js";
import type { Output } from "./output.js";
import type { Problem } from "./problem.js";
import {
  DEFAULT_PROFILE,
  type Profile,
  profileKeys,
  profileNameProblem,
  profilesPath,
  readProfiles,
  secretKeys,
  writeProfile,
} from "./profiles.js";

export interface ConfigureSettings {
  profile?: string;
  region?: string;
  projectId?: string;
  endpoint?: string;
}

type Key = (typeof profileKeys)[number];
const MAX_STDIN_BYTES = 64 * 1024;

export async function configure(settings: ConfigureSettings, io: Io, output: Output): Promise<ExitCode> {
  const name = settings.profile ?? DEFAULT_PROFILE;
  const problems: Problem[] = [];
  const nameProblem = profileNameProblem(name);
  if (nameProblem !== undefined) problems.push({ subject: "--profile", message: nameProblem });
  if (settings.region !== undefined && settings.endpoint !== undefined) {
    problems.push({ subject: "--endpoint", message: "give either --region or --endpoint, not both" });
  }
  if (problems.length > 0) return refuse(problems, output);

  const path = profilesPath(output.env);
  const saved = (await readProfiles(path))[name] ?? {};
  const flags: Profile = {
    ...(settings.region === undefined ? {} : { region: settings.region }),
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    ...(settings.projectId === undefined ? {} : { project_id: settings.projectId }),
  };
  const given =
    io.stdin?.isTTY === true
      ? await askOnTerminal(io, saved, flags)
      : await readKeyValues(io.stdin, problems);
  if (problems.length > 0) return refuse(problems, output);
  for (const key of secretKeys) {
    const value = given[key];
    if (value !== undefined) output.secrets.push(value);
  }

  // New credentials replace the saved ones whole: a token and an access key pair never mix.
  const newCredentials = given.token !== undefined || given.ak !== undefined || given.sk !== undefined;
  const credentials = newCredentials
    ? pick(given, ["ak", "sk", "security_token", "token"])
    : pick(saved, ["ak", "sk", "security_token", "token"]);
  const where =
    flags.region !== undefined || flags.endpoint !== undefined
      ? flags
      : { ...pick(saved, ["region", "endpoint"]), ...pick(given, ["region", "endpoint"]) };
  const profile: Profile = {
    ...pick(where, ["region", "endpoint"]),
    ...((flags.project_id ?? given.project_id ?? saved.project_id) === undefined
      ? {}
      : { project_id: flags.project_id ?? given.project_id ?? saved.project_id }),
    ...credentials,
  };
  problems.push(...profileProblems(profile, name));
  if (problems.length > 0) return refuse(problems, output);

  await writeProfile(path, name, profile);
  const auth =
    profile.token !== undefined ? "an IAM token" : profile.ak !== undefined ? "an access key pair" : "none";
  output.result(
    {
      profile: name,
      path,
      region: profile.region,
      endpoint: profile.endpoint,
      projectId: profile.project_id,
      credentials: auth,
    },
    [
      `Profile '${name}' written to ${path} (mode 600).`,
      `  region       ${profile.region ?? (profile.endpoint === undefined ? "(the default)" : "-")}`,
      ...(profile.endpoint === undefined ? [] : [`  endpoint     ${profile.endpoint}`]),
      `  project id   ${profile.project_id ?? "(none: give --project-id or set HUAWEICLOUD_SDK_PROJECT_ID)"}`,
      `  credentials  ${auth}`,
      `Use it with --profile ${name}${name === DEFAULT_PROFILE ? " (or nothing: [default] is read when no --profile is given)" : ""}; the environment and the flags still win over it.`,
      "",
    ].join("\n"),
  );
  return ExitCode.ok;
}

function pick(profile: Profile, keys: readonly Key[]): Profile {
  const out: Profile = {};
  for (const key of keys) {
    const value = profile[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** What the client would say of these values: checked now, not at the first call. */
function profileProblems(profile: Profile, name: string): Problem[] {
  const problems: Problem[] = [];
  if (profile.ak !== undefined && profile.sk === undefined)
    problems.push({ subject: "sk", message: "missing: an access key needs its secret key" });
  if (profile.sk !== undefined && profile.ak === undefined)
    problems.push({ subject: "ak", message: "missing: a secret key needs its access key" });
  const auth =
    profile.token !== undefined
      ? { token: profile.token }
      : profile.ak !== undefined && profile.sk !== undefined
        ? {
            accessKey: profile.ak,
            secretKey: profile.sk,
            ...(profile.security_token === undefined ? {} : { securityToken: profile.security_token }),
          }
        : { token: "stand-in" };
  const issues = validateClientOptions({
    projectId: profile.project_id ?? "0".repeat(32),
    auth,
    ...(profile.region === undefined ? {} : { region: profile.region }),
    ...(profile.endpoint === undefined ? {} : { baseUrl: profile.endpoint }),
  });
  for (const issue of issues) {
    problems.push(optionProblem(issue, { token: `profile '${name}' token`, projectId: "--project-id" }));
  }
  return problems;
}

function refuse(problems: readonly Problem[], output: Output): ExitCode {
  return output.fail(
    ExitCode.usage,
    formatProblems(problems, output.stderr.style, "configure").replace(
      "nothing was sent",
      "nothing was written",
    ),
    {
      name: "UsageError",
      message: "the profile is not valid; nothing was written",
      problems: problems.map(({ subject, message }) => ({ subject, message })),
    },
  );
}

/**
 * On a terminal: one question per value the flags did not give; secrets without echo. The
 * questions go to stderr, which on a terminal is the process' own stream (bin.ts).
 */
async function askOnTerminal(io: Io, saved: Profile, flags: Profile): Promise<Profile> {
  const ask = async (prompt: string, silent = false) =>
    (
      await read({
        prompt,
        silent,
        input: io.stdin as NodeJS.ReadableStream,
        output: io.stderr as unknown as NodeJS.WritableStream,
        terminal: true,
      })
    ).trim();
  const answers: Profile = {};
  const keep = (value: string | undefined) => (value === undefined ? "" : ` [${value}]`);
  if (flags.region === undefined && flags.endpoint === undefined) {
    const region = await ask(`Region${keep(saved.region)}: `);
    if (region !== "") answers.region = region;
    const endpoint = await ask(`Endpoint (blank: the region's)${keep(saved.endpoint)}: `);
    if (endpoint !== "") answers.endpoint = endpoint;
  }
  if (flags.project_id === undefined) {
    const projectId = await ask(`Project id${keep(saved.project_id)}: `);
    if (projectId !== "") answers.project_id = projectId;
  }
  const hasSaved = saved.ak !== undefined || saved.token !== undefined;
  const accessKey = await ask(
    `Access key (blank: ${hasSaved ? "keep the saved credentials" : "use an IAM token"}): `,
    true,
  );
  if (accessKey !== "") {
    answers.ak = accessKey;
    answers.sk = await ask("Secret key: ", true);
    const securityToken = await ask("Security token (temporary keys only; blank if none): ", true);
    if (securityToken !== "") answers.security_token = securityToken;
  } else if (!hasSaved) {
    const token = await ask("IAM token: ", true);
    if (token !== "") answers.token = token;
  }
  return answers;
}

/** Not a terminal: `key=value` lines on stdin (blank lines and `#` comments are skipped). */
async function readKeyValues(stdin: Io["stdin"], problems: Problem[]): Promise<Profile> {
  const text = stdin === undefined ? "" : await readAll(stdin);
  const values: Profile = {};
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    const key = line.slice(0, Math.max(eq, 0)).trim();
    const known = profileKeys.find((k) => k === key);
    if (eq < 0 || known === undefined) {
      // The line may hold a secret: only its key is named.
      problems.push({
        subject: `stdin line ${index + 1}`,
        message: `expected key=value with a key among ${profileKeys.join(", ")}${eq < 0 ? "" : ` (got '${key}')`}`,
      });
      continue;
    }
    values[known] = line.slice(eq + 1).trim();
  }
  return values;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_STDIN_BYTES)
      throw new Error(`stdin holds more than ${MAX_STDIN_BYTES} bytes: not a profile`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
