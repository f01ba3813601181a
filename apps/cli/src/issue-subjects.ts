import { envVars } from "./credentials.js";
import type { FieldFlag } from "./field-flags.js";
import type { Problem } from "./problem.js";

/** Where the CLI's values come from, so a client issue can name what the user typed or set. */
export interface ValueSources {
  /** The token came from `--token-file` or from NOTEBOOK_IMAGE_TOKEN. */
  token: "--token-file" | typeof envVars.token;
  /** The project id came from `--project-id` or from HUAWEICLOUD_SDK_PROJECT_ID. */
  projectId: "--project-id" | typeof envVars.projectId;
}

const fixedSubjects: Record<string, string> = {
  baseUrl: "--endpoint",
  region: "--region",
  timeoutMs: "--timeout",
  "auth.accessKey": envVars.accessKey,
  "auth.secretKey": envVars.secretKey,
  "auth.securityToken": envVars.securityToken,
};

/**
 * Turns a client validation issue (`{ path: "workspace_id", message: "workspace_id: must …" }`) into
 * a problem named after the flag, argument or variable that set the value (`--workspace-id`).
 */
export function issueToProblem(
  issue: { path: string; rule: string; message: string },
  sources: ValueSources,
  fields: readonly FieldFlag[] = [],
  operand = "<instance-id>",
): Problem {
  if (issue.path === "baseUrl" && issue.rule === "https") {
    // The client's message points at its allowInsecureHttp option, which the CLI does not offer.
    return {
      subject: "--endpoint",
      message: "must use https:// (plain http:// is accepted only for 127.0.0.1, ::1 and localhost)",
    };
  }
  const message = issue.message.startsWith(`${issue.path}: `)
    ? issue.message.slice(issue.path.length + 2)
    : issue.message;
  return { subject: subjectOf(issue.path, sources, fields, operand), message };
}

function subjectOf(
  path: string,
  sources: ValueSources,
  fields: readonly FieldFlag[],
  operand: string,
): string {
  if (path === "instanceId" || path === "imageId" || path === "id") return operand;
  const fixed = fixedSubjects[path];
  if (fixed !== undefined) return fixed;
  if (path === "projectId") return sources.projectId;
  if (path === "auth.token") return sources.token;
  if (path.startsWith("headers.") || path.startsWith("options.headers.")) return "--header";
  // A body field (`workspace_id`) or a query parameter (`query.limit`, `limit`).
  const field = path.replace(/^(body|query)\./, "").split(/[.[]/)[0];
  const flag = fields.find((f) => f.field === field)?.flag;
  return flag === undefined ? path : `--${flag}`;
}
