import { type ParseArgsConfig, parseArgs } from "node:util";
import type { Problem } from "./problem.js";
import { suggestFlag } from "./suggest.js";

/** Flags that fill the request body, mapped to the body field each one sets. */
export const bodyFlags = {
  name: "name",
  namespace: "namespace",
  tag: "tag",
  description: "description",
  "workspace-id": "workspace_id",
  "swr-instance-id": "swr_instance_id",
  "swr-instance-domain": "swr_instance_domain",
} as const;

export type BodyFlag = keyof typeof bodyFlags;
export type BodyField = (typeof bodyFlags)[BodyFlag];

const optionSpec = {
  name: { type: "string" },
  namespace: { type: "string" },
  tag: { type: "string" },
  description: { type: "string" },
  "workspace-id": { type: "string" },
  "swr-instance-id": { type: "string" },
  "swr-instance-domain": { type: "string" },
  "project-id": { type: "string" },
  region: { type: "string" },
  endpoint: { type: "string" },
  header: { type: "string", multiple: true },
  "token-file": { type: "string" },
  timeout: { type: "string" },
  retries: { type: "string" },
  json: { type: "boolean" },
  "dry-run": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

type OptionName = keyof typeof optionSpec;
export const knownFlags = Object.keys(optionSpec) as OptionName[];

export interface SaveOptions {
  instanceId: string;
  /** Exactly the body flags the user gave, unvalidated: the client's validator judges them. */
  body: Partial<Record<BodyField, string>>;
  projectId?: string;
  region?: string;
  endpoint?: string;
  headers: [name: string, value: string][];
  tokenFile?: string;
  timeoutMs?: number;
  retries?: number;
  json: boolean;
  dryRun: boolean;
}

export type Command =
  /** `toStderr`: help shown because no command was given, which is a usage error. */
  | { kind: "help"; toStderr: boolean }
  | { kind: "version" }
  /** A save, with the problems found on the command line (reported with all the others). */
  | { kind: "save"; options: SaveOptions; problems: Problem[] }
  | { kind: "usage-error"; problems: Problem[] };

// RFC 9110 token characters: anything else cannot be a header name.
const headerNamePattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Turns argv into a command. Parsing is not strict so that every mistake on the line is reported
 * at once instead of one per run; the checks strict mode would make are done here from the tokens.
 */
export function parseCommand(argv: readonly string[]): Command {
  const { values, tokens } = parseArgs({
    args: [...argv],
    options: optionSpec,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const problems: Problem[] = [];
  const seen = new Set<string>();
  // The argv indexes of words taken as the value of an unknown option (`--nme foo`), so that they
  // are not mistaken for the instance id as well.
  const swallowed = new Set<number>();
  // Flags written without a value: whatever parseArgs made of them is not used.
  const valueless = new Set<string>();

  for (const [i, token] of tokens.entries()) {
    if (token.kind !== "option") continue;
    const spec = (optionSpec as Record<string, { type: string; multiple?: boolean }>)[token.name];
    if (spec === undefined) {
      const next = tokens[i + 1];
      if (!token.inlineValue && next?.kind === "positional" && next.index === token.index + 1) {
        swallowed.add(next.index);
      }
      const hint = suggestFlag(token.name, knownFlags);
      problems.push({
        subject: token.rawName,
        message: `unknown option${hint === undefined ? "" : `; did you mean --${hint}?`}`,
      });
      continue;
    }
    if (spec.type === "boolean" && token.inlineValue) {
      problems.push({ subject: token.rawName, message: "takes no value" });
    }
    if (spec.type === "string") {
      if (token.value === undefined) {
        problems.push({ subject: `--${token.name}`, message: "needs a value", valueMissing: true });
        valueless.add(token.name);
      } else if (!token.inlineValue && /^--?[A-Za-z]/.test(token.value)) {
        // `--name --tag x` almost always means a forgotten value, not a name spelt "--tag".
        problems.push({
          subject: `--${token.name}`,
          message: `needs a value, got the option-like '${token.value}' (write --${token.name}=${token.value} if you mean it)`,
          valueMissing: true,
        });
        valueless.add(token.name);
      }
    }
    if (!spec.multiple && seen.has(token.name)) {
      problems.push({ subject: `--${token.name}`, message: "given more than once" });
    }
    seen.add(token.name);
  }

  const flag = (name: OptionName): string | undefined => {
    if (valueless.has(name)) return undefined;
    const value = values[name];
    return typeof value === "string" ? value : undefined;
  };
  const on = (name: OptionName): boolean => values[name] === true;

  const words = tokens
    .filter((t) => t.kind === "positional" && !swallowed.has(t.index))
    .map((t) => (t.kind === "positional" ? t.value : ""));
  const [command, instanceId, ...extra] = words;
  if (on("version") && command === undefined) return { kind: "version" };
  if (on("help") || command === undefined) {
    return problems.length > 0 ? { kind: "usage-error", problems } : { kind: "help", toStderr: !on("help") };
  }
  if (command !== "save") {
    problems.push({ subject: `'${command}'`, message: "unknown command; the only command is 'save'" });
    return { kind: "usage-error", problems };
  }
  if (instanceId === undefined) {
    problems.push({
      subject: "<instance-id>",
      message: "missing: give the id of the notebook instance to save",
      valueMissing: true,
    });
  }
  for (const arg of extra) problems.push({ subject: `'${arg}'`, message: "unexpected argument" });

  const region = flag("region");
  const endpoint = flag("endpoint");
  if (region !== undefined && endpoint !== undefined) {
    problems.push({ subject: "--endpoint", message: "give either --region or --endpoint, not both" });
  }

  const headers: [string, string][] = [];
  for (const raw of (values.header ?? []).filter((h): h is string => typeof h === "string")) {
    const colon = raw.indexOf(":");
    const name = colon < 0 ? "" : raw.slice(0, colon).trim();
    if (colon < 0 || !headerNamePattern.test(name)) {
      problems.push({ subject: "--header", message: `'${raw}' is not of the form 'Name: value'` });
    } else if (/[\r\n\0]/.test(raw)) {
      problems.push({ subject: "--header", message: `the value of ${name} contains a line break or NUL` });
    } else {
      headers.push([name, raw.slice(colon + 1).trim()]);
    }
  }

  let timeoutMs: number | undefined;
  const timeout = flag("timeout");
  if (timeout !== undefined) {
    const seconds = Number(timeout);
    if (timeout.trim() === "" || !Number.isFinite(seconds) || seconds <= 0) {
      problems.push({
        subject: "--timeout",
        message: `must be a positive number of seconds, got '${timeout}'`,
      });
    } else {
      timeoutMs = Math.round(seconds * 1000);
    }
  }

  let retries: number | undefined;
  const retriesFlag = flag("retries");
  if (retriesFlag !== undefined) {
    if (!/^\d+$/.test(retriesFlag.trim())) {
      problems.push({
        subject: "--retries",
        message: `must be a whole number (0 turns retries off), got '${retriesFlag}'`,
      });
    } else {
      retries = Number(retriesFlag);
    }
  }

  const body: SaveOptions["body"] = {};
  for (const [name, field] of Object.entries(bodyFlags) as [BodyFlag, BodyField][]) {
    const value = flag(name);
    if (value !== undefined) body[field] = value;
  }
  const options: SaveOptions = {
    instanceId: instanceId ?? "",
    body,
    headers,
    json: on("json"),
    dryRun: on("dry-run"),
  };
  const projectId = flag("project-id");
  const tokenFile = flag("token-file");
  if (projectId !== undefined) options.projectId = projectId;
  if (region !== undefined) options.region = region;
  if (endpoint !== undefined) options.endpoint = endpoint;
  if (tokenFile !== undefined) options.tokenFile = tokenFile;
  if (timeoutMs !== undefined) options.timeoutMs = timeoutMs;
  if (retries !== undefined) options.retries = retries;
  return { kind: "save", options, problems };
}
