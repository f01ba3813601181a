// A client validation issue, named after what the user typed or set. Each kind of issue is mapped
// by where it came from: the client's options (named by the option: the client's public API,
// checked by the compiler below), the operand (the CLI validated it itself), the body's fields and
// the query's parameters (named by the spec's field names, the flags' own source).
import {
  type AkSkAuth,
  type NotebookImageClientOptions,
  regionEndpointEnvName,
  type ValidationIssue,
} from "@notebook-image/client";
import { envVars } from "./credentials.js";
import type { FieldFlag } from "./field-flags.js";
import type { Problem } from "./problem.js";

/** Where the CLI's values come from, so a client issue can name what the user typed or set. */
export interface ValueSources {
  /** The token came from `--token-file`, NOTEBOOK_IMAGE_TOKEN or a profile ("profile 'dev'"). */
  token: string;
  /** The project id came from `--project-id`, HUAWEICLOUD_SDK_PROJECT_ID or a profile. */
  projectId: string;
}

/** The flag or variable behind each client option the CLI sets. */
function optionSubjects(sources: ValueSources): Record<string, string> {
  const options: { [K in keyof NotebookImageClientOptions]?: string } = {
    projectId: sources.projectId,
    baseUrl: "--endpoint",
    region: "--region",
    timeoutMs: "--timeout",
    retry: "--retries",
    headers: "--header",
  };
  const auth: { [K in Exclude<keyof AkSkAuth, "token">]-?: string } = {
    accessKey: envVars.accessKey,
    secretKey: envVars.secretKey,
    securityToken: envVars.securityToken,
    // The CLI always signs with SDK-HMAC-SHA256 (Huawei's SDKs read no variable for the algorithm).
    signingAlgorithm: "auth.signingAlgorithm",
  };
  return {
    ...options,
    ...Object.fromEntries(Object.entries(auth).map(([key, subject]) => [`auth.${key}`, subject])),
    "auth.token": sources.token,
  };
}

/** Issues of the client's options (validateClientOptions). */
export function optionProblem(issue: ValidationIssue, sources: ValueSources): Problem {
  // A region's endpoint comes from the variable Huawei's SDKs read (HUAWEICLOUD_SDK_REGION_MODELARTS_<REGION>).
  const region = /^regionEndpoints\.(.+)$/.exec(issue.path)?.[1];
  const subject = region === undefined ? "--endpoint" : regionEndpointEnvName(region);
  if ((issue.path === "baseUrl" || region !== undefined) && issue.rule === "https") {
    // The client's message points at its allowInsecureHttp option, which the CLI does not offer.
    return {
      subject,
      message:
        "must use https:// (plain http:// would send credentials in clear text); http:// is accepted for loopback hosts only (127.0.0.0/8, ::1, localhost)",
    };
  }
  if (region !== undefined) return { subject, message: rule(issue) };
  const subjects = optionSubjects(sources);
  const key = Object.keys(subjects)
    .filter((k) => issue.path === k || issue.path.startsWith(`${k}.`))
    .sort((a, b) => b.length - a.length)[0];
  return { subject: key === undefined ? issue.path : (subjects[key] as string), message: rule(issue) };
}

/** Issues of a body or query validator: named by the spec's field, which names the flag. */
export function fieldProblem(issue: ValidationIssue, fields: readonly FieldFlag[], prefix = ""): Problem {
  const rest = prefix !== "" && issue.path.startsWith(prefix) ? issue.path.slice(prefix.length) : issue.path;
  const field = rest.split(/[.[]/)[0];
  const flag = fields.find((f) => f.field === field)?.flag;
  return { subject: flag === undefined ? issue.path : `--${flag}`, message: rule(issue) };
}

/**
 * Issues of a body validator whose fields may be nested (CreateNotebook's `volume.category`): each
 * named by its flag; a missing object (`volume: is required`) by the flags of its required fields,
 * which are what the user has to give.
 */
export function fieldProblems(issue: ValidationIssue, fields: readonly FieldFlag[]): Problem[] {
  const exact = fields.find((f) => f.field === issue.path);
  if (exact !== undefined) return [{ subject: `--${exact.flag}`, message: rule(issue) }];
  const inner = fields.filter((f) => f.field.startsWith(`${issue.path}.`));
  if (issue.rule === "required" && inner.some((f) => f.required)) {
    return inner.filter((f) => f.required).map((f) => ({ subject: `--${f.flag}`, message: rule(issue) }));
  }
  return [fieldProblem(issue, fields)];
}

/** Issues of the operand's validator: all about the operand. */
export function operandProblem(issue: ValidationIssue, operand: string): Problem {
  return { subject: operand, message: rule(issue) };
}

/** The client's message without its leading path: "must be a UUID". */
function rule(issue: ValidationIssue): string {
  return issue.message.startsWith(`${issue.path}: `)
    ? issue.message.slice(issue.path.length + 2)
    : issue.message;
}
