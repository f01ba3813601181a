import { type ParseArgsConfig, parseArgs } from "node:util";
import { NOTEBOOK_WAIT_TARGETS } from "@notebook-image/client";
import { HTTP_TOKEN } from "@notebook-image/client/app-helpers";
import {
  type CommandInfo,
  type CommandName,
  commands,
  commandWords,
  groupCommands,
  groupFlags,
  type NotebookWaitTarget,
  untilWords,
} from "./commands.js";
import type { ConfigureSettings } from "./configure.js";
import {
  allFieldFlags,
  bodyGroups,
  type FieldGroup,
  fieldGroups,
  queryGroups,
  setField,
  typedValue,
} from "./field-flags.js";
import type { Problem } from "./problem.js";
import { suggest } from "./suggest.js";

type OptionSpec = { type: "string" | "boolean"; multiple?: boolean; short?: string };

/** Options every command takes. */
const commonOptions = {
  "project-id": { type: "string" },
  region: { type: "string" },
  endpoint: { type: "string" },
  header: { type: "string", multiple: true },
  "token-file": { type: "string" },
  profile: { type: "string" },
  timeout: { type: "string" },
  retries: { type: "string" },
  json: { type: "boolean" },
  "dry-run": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const satisfies Record<string, OptionSpec>;

const groupOptions: Record<string, OptionSpec> = {
  wait: { type: "boolean" },
  until: { type: "string" },
  force: { type: "boolean" },
  "wait-timeout": { type: "string" },
  "poll-interval": { type: "string" },
};
for (const f of allFieldFlags) groupOptions[f.flag] = { type: "string" };

/** Every option of every command: parsing finds the words first, then judges the options. */
const allOptions: Record<string, OptionSpec> = { ...commonOptions, ...groupOptions };

/** Options of the common group, as the commands' own code reads them. */
export interface CommonOptions {
  projectId?: string;
  region?: string;
  endpoint?: string;
  headers: [name: string, value: string][];
  tokenFile?: string;
  /** --profile: the profile to read (else [default], when the file has one). */
  profile?: string;
  timeoutMs?: number;
  retries?: number;
  json: boolean;
  dryRun: boolean;
}

/** How long and how often to follow an image (undefined: the client's defaults). */
export interface FollowOptions {
  timeoutMs?: number;
  pollIntervalMs?: number;
}

export interface Invocation {
  command: CommandName;
  /** The positional argument ("" when missing; the missing one is among the problems). */
  operand: string;
  common: CommonOptions;
  /**
   * Exactly the body flags given (create-image's or CreateNotebook's), keyed by field (a nested one
   * in its object), unvalidated: the client's validator judges them.
   */
  body: Record<string, unknown>;
  /** Exactly the query flags given (ListImage's, ListNotebooks' or StartNotebook's), typed by the spec's type. */
  query: Record<string, unknown>;
  /** `--wait` (save, and the notebook commands that change an instance). */
  wait: boolean;
  /** `--until` of `notebook wait` (RUNNING when not given). */
  until: NotebookWaitTarget;
  follow: FollowOptions;
  force: boolean;
}

/** What a help is about: everything, one command, or a group of commands (`image`). */
export type HelpTopic = { command: CommandInfo } | { group: string } | { configure: true } | undefined;

/** The shells `completion` writes a script for. */
export const completionShells = ["bash", "zsh", "fish"] as const;
export type CompletionShell = (typeof completionShells)[number];

/** The words of the commands that are not API calls. */
const helpWord = "help";
const completionWord = "completion";
const configureWord = "configure";
/** The options `configure` takes: where requests go and which profile; never a credential. */
export const configureOptions = new Set(["profile", "region", "project-id", "endpoint", "json", "help"]);

export type Command =
  /** `toStderr`: help shown because no command was given, which is a usage error. */
  | { kind: "help"; toStderr: boolean; json: boolean; topic?: HelpTopic }
  | { kind: "completion"; shell: CompletionShell }
  | { kind: "configure"; settings: ConfigureSettings; json: boolean }
  | { kind: "version" }
  /** A command, with the problems found on the command line (reported with all the others). */
  | { kind: "run"; invocation: Invocation; problems: Problem[] }
  | { kind: "usage-error"; problems: Problem[]; json: boolean };

/**
 * Turns argv into a command. Parsing is not strict so that every mistake on the line is reported
 * at once instead of one per run; the checks strict mode would make are done here from the tokens.
 */
export function parseCommand(argv: readonly string[]): Command {
  const { values, tokens } = parseArgs({
    args: [...argv],
    options: allOptions as NonNullable<ParseArgsConfig["options"]>,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const problems: Problem[] = [];
  // The argv indexes of words taken as the value of an unknown option (`--nme foo`), so that they
  // are not mistaken for the operand as well.
  const swallowed = new Set<number>();
  for (const [i, token] of tokens.entries()) {
    if (token.kind !== "option" || allOptions[token.name] !== undefined) continue;
    const next = tokens[i + 1];
    if (!token.inlineValue && next?.kind === "positional" && next.index === token.index + 1) {
      swallowed.add(next.index);
    }
  }
  const words = tokens
    .filter((t) => t.kind === "positional" && !swallowed.has(t.index))
    .map((t) => (t.kind === "positional" ? t.value : ""));
  const on = (name: string): boolean => values[name] === true;
  const json = on("json");

  if (words[0] === helpWord) return helpCommand(words.slice(1), json);
  if (words[0] === completionWord) return completionCommand(words.slice(1), json);
  if (words[0] === configureWord) {
    if (on("help")) return { kind: "help", toStderr: false, json: false, topic: { configure: true } };
    const problems: Problem[] = words
      .slice(1)
      .map((arg) => ({ subject: `'${arg}'`, message: "unexpected argument" }));
    for (const token of tokens) {
      if (token.kind === "option" && !configureOptions.has(token.name)) {
        const secret = /token|key|sk|ak|secret|password/i.test(token.name);
        problems.push({
          subject: token.rawName,
          message: secret
            ? "not an option of 'configure': credentials are asked without echo, or read from stdin, never given on the command line"
            : `not an option of 'configure' (it takes ${[...configureOptions].map((o) => `--${o}`).join(", ")})`,
        });
      }
    }
    if (problems.length > 0) return { kind: "usage-error", problems, json };
    const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
    const settings: ConfigureSettings = {};
    for (const [key, flag] of [
      ["profile", "profile"],
      ["region", "region"],
      ["projectId", "project-id"],
      ["endpoint", "endpoint"],
    ] as const) {
      const value = text(flag);
      if (value !== undefined) settings[key] = value;
    }
    return { kind: "configure", settings, json };
  }
  const found = findCommand(words);
  if (
    found.kind === "unknown" &&
    on("help") &&
    words.length === 1 &&
    groupCommands(words[0] ?? "").length > 0
  ) {
    return { kind: "help", toStderr: false, json: false, topic: { group: words[0] as string } };
  }
  if (found.kind === "none") {
    if (on("version")) return { kind: "version" };
    return { kind: "help", toStderr: !on("help"), json };
  }
  if (found.kind === "unknown") {
    return { kind: "usage-error", problems: [found.problem], json };
  }
  if (on("help")) return { kind: "help", toStderr: false, json: false, topic: { command: found.info } };
  const { info } = found;
  const allowed = new Set<string>([
    ...Object.keys(commonOptions),
    ...info.groups.flatMap((g) => groupFlags(g)),
  ]);

  const seen = new Set<string>();
  // Flags written without a value: whatever parseArgs made of them is not used.
  const valueless = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const spec = allowed.has(token.name) ? allOptions[token.name] : undefined;
    if (spec === undefined) {
      problems.push({ subject: token.rawName, message: unknownOptionMessage(token.name, info, allowed) });
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

  const flag = (name: string): string | undefined => {
    if (valueless.has(name) || !allowed.has(name)) return undefined;
    const value = values[name];
    return typeof value === "string" ? value : undefined;
  };

  const [operand, ...extra] = words.slice(found.words);
  if (info.operand === undefined) {
    if (operand !== undefined) extra.unshift(operand);
  } else if (operand === undefined) {
    problems.push({
      subject: info.operand,
      message: `missing: give ${info.operandMeaning}`,
      valueMissing: true,
    });
  }
  for (const arg of extra) problems.push({ subject: `'${arg}'`, message: "unexpected argument" });

  const rawHeaders: unknown[] = Array.isArray(values.header) ? values.header : [];
  const headerTexts = rawHeaders.filter((h): h is string => typeof h === "string");
  const common = commonOf(flag, on, parseHeaders(headerTexts, problems), problems);
  const follow: FollowOptions = {};
  const waitTimeout = seconds(flag("wait-timeout"), "--wait-timeout", problems);
  const pollInterval = seconds(flag("poll-interval"), "--poll-interval", problems);
  if (waitTimeout !== undefined) follow.timeoutMs = waitTimeout;
  if (pollInterval !== undefined) follow.pollIntervalMs = pollInterval;
  if (info.groups.includes("wait") && !on("wait")) {
    for (const name of groupFlags("follow")) {
      if (seen.has(name)) problems.push({ subject: `--${name}`, message: "only applies with --wait" });
    }
  }

  /** The values of the command's field group among `groups` (it has one at most), by field. */
  const fields = (groups: readonly FieldGroup[]) => {
    const out: Record<string, unknown> = {};
    for (const group of groups.filter((g) => info.groups.includes(g))) {
      for (const f of fieldGroups[group]) {
        const value = flag(f.flag);
        if (value !== undefined) setField(out, f, typedValue(f, value));
      }
    }
    return out;
  };

  return {
    kind: "run",
    invocation: {
      command: info.name,
      operand: info.operand === undefined ? "" : (operand ?? ""),
      common,
      body: fields(bodyGroups),
      query: fields(queryGroups),
      wait: on("wait"),
      until: untilOf(flag("until"), problems),
      follow,
      force: on("force"),
    },
    problems,
  };
}

/** --until's value: a target of `notebook wait`, in any case; RUNNING when not given. */
function untilOf(text: string | undefined, problems: Problem[]): NotebookWaitTarget {
  if (text === undefined) return "RUNNING";
  const target = NOTEBOOK_WAIT_TARGETS.find((candidate) => candidate === text.toUpperCase());
  if (target !== undefined) return target;
  const hint = suggest(
    text.toLowerCase(),
    untilWords.map((word) => word.toLowerCase()),
  );
  const word = untilWords.find((candidate) => candidate.toLowerCase() === hint);
  problems.push({
    subject: "--until",
    message:
      `must be ${untilWords.join(", ")} (any case), not '${text}'` +
      (word === undefined ? "" : `; did you mean ${word}?`),
  });
  return "RUNNING";
}

/** `help`, `help save`, `help image`, `help image list`. */
function helpCommand(topic: readonly string[], json: boolean): Command {
  if (topic.length === 0) return { kind: "help", toStderr: false, json };
  const found = findCommand(topic);
  if (found.kind === "found" && topic.length === found.words) {
    return { kind: "help", toStderr: false, json, topic: { command: found.info } };
  }
  if (topic.length === 1 && groupCommands(topic[0] as string).length > 0) {
    return { kind: "help", toStderr: false, json, topic: { group: topic[0] as string } };
  }
  const problem =
    found.kind === "unknown"
      ? found.problem
      : { subject: `'${topic.join(" ")}'`, message: "help takes one command, such as 'help image list'" };
  return { kind: "usage-error", problems: [problem], json };
}

/** `completion bash|zsh|fish`. */
function completionCommand(args: readonly string[], json: boolean): Command {
  const [shell, ...extra] = args;
  const known = completionShells.find((s) => s === shell);
  if (known !== undefined && extra.length === 0) return { kind: "completion", shell: known };
  const subject = shell === undefined || known !== undefined ? "'completion'" : `'${shell}'`;
  return {
    kind: "usage-error",
    problems: [
      { subject, message: `give one shell: notebook-image completion ${completionShells.join("|")}` },
    ],
    json,
  };
}

type Found =
  | { kind: "none" }
  | { kind: "unknown"; problem: Problem }
  | { kind: "found"; info: CommandInfo; words: number };

/** The command named by the first one or two words. */
function findCommand(words: readonly string[]): Found {
  const [first, second] = words;
  if (first === undefined) return { kind: "none" };
  const one = commands.find((c) => c.name === first);
  if (one) return { kind: "found", info: one, words: 1 };
  const group = commands.filter((c) => c.name.startsWith(`${first} `));
  if (group.length > 0) {
    const subs = group.map((c) => c.name.slice(first.length + 1));
    const two = group.find((c) => c.name === `${first} ${second}`);
    if (two) return { kind: "found", info: two, words: 2 };
    const hint = second === undefined ? undefined : suggest(second, subs);
    return {
      kind: "unknown",
      problem: {
        subject: second === undefined ? `'${first}'` : `'${first} ${second}'`,
        message:
          `${second === undefined ? "needs a subcommand" : "unknown subcommand"}: ${subs.map((s) => `${first} ${s}`).join(", ")}` +
          (hint === undefined ? "" : `; did you mean '${first} ${hint}'?`),
      },
    };
  }
  const known = [...commandWords, helpWord, completionWord, configureWord];
  const hint = suggest(first, known);
  return {
    kind: "unknown",
    problem: {
      subject: `'${first}'`,
      message: `unknown command${hint === undefined ? "" : `; did you mean '${hint}'?`} (commands: ${known.join(", ")})`,
    },
  };
}

function unknownOptionMessage(name: string, info: CommandInfo, allowed: ReadonlySet<string>): string {
  if (allOptions[name] !== undefined) {
    const owners = commands.filter((c) => c.groups.some((g) => groupFlags(g).includes(name)));
    return `not an option of '${info.name}' (it belongs to ${owners.map((c) => `'${c.name}'`).join(", ")})`;
  }
  const hint = suggest(name, [...allowed]);
  return `unknown option${hint === undefined ? "" : `; did you mean --${hint}?`}`;
}

function commonOf(
  flag: (name: string) => string | undefined,
  on: (name: string) => boolean,
  headers: [string, string][],
  problems: Problem[],
): CommonOptions {
  const region = flag("region");
  const endpoint = flag("endpoint");
  if (region !== undefined && endpoint !== undefined) {
    problems.push({ subject: "--endpoint", message: "give either --region or --endpoint, not both" });
  }
  return {
    headers,
    json: on("json"),
    dryRun: on("dry-run"),
    ...defined("projectId", flag("project-id")),
    ...defined("region", region),
    ...defined("endpoint", endpoint),
    ...defined("tokenFile", flag("token-file")),
    ...defined("profile", flag("profile")),
    ...defined("timeoutMs", seconds(flag("timeout"), "--timeout", problems)),
    ...defined("retries", count(flag("retries"), problems)),
  };
}

function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** A positive number of seconds, as milliseconds. */
function seconds(text: string | undefined, subject: string, problems: Problem[]): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0) {
    problems.push({ subject, message: `must be a positive number of seconds, got '${text}'` });
    return undefined;
  }
  return Math.max(1, Math.round(value * 1000));
}

function count(text: string | undefined, problems: Problem[]): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim())) {
    problems.push({
      subject: "--retries",
      message: `must be a whole number (0 turns retries off), got '${text}'`,
    });
    return undefined;
  }
  return Number(text);
}

/** `Name: value` headers; a malformed one is a problem naming --header. */
export function parseHeaders(raws: readonly string[], problems: Problem[]): [string, string][] {
  const headers: [string, string][] = [];
  for (const raw of raws) {
    const colon = raw.indexOf(":");
    const name = colon < 0 ? "" : raw.slice(0, colon).trim();
    if (colon < 0 || !HTTP_TOKEN.test(name)) {
      problems.push({ subject: "--header", message: `'${raw}' is not of the form 'Name: value'` });
    } else if (/[\r\n\0]/.test(raw)) {
      problems.push({ subject: "--header", message: `the value of ${name} contains a line break or NUL` });
    } else {
      headers.push([name, raw.slice(colon + 1).trim()]);
    }
  }
  return headers;
}

/** The options a command takes, `--name` first, and whether each takes a value: for completion. */
export function commandOptions(info: CommandInfo): { flag: string; takesValue: boolean }[] {
  const names = [...Object.keys(commonOptions), ...info.groups.flatMap((g) => groupFlags(g))];
  return names.map((name) => ({ flag: `--${name}`, takesValue: allOptions[name]?.type === "string" }));
}
