// The bin's flags, once: the table parseArgs reads and the usage text is written from, and the
// reading of a command line (with a did-you-mean for a mistyped flag).
import { parseArgs } from "node:util";
import { closestMatch } from "leven";
import { ConfigError } from "./config-error.js";

/**
 * Every flag, once: what parseArgs reads (type, multiple, short), and the usage text's line
 * (`arg`, the value's name; `help`, what it does). USAGE below is written from this table.
 */
export const FLAGS = {
  port: { type: "string", arg: "<n>", help: "port to listen on (default 4020; 0 picks a free one)" },
  host: { type: "string", arg: "<address>", help: "address to bind (default 127.0.0.1)" },
  "allowed-host": {
    type: "string",
    multiple: true,
    arg: "<name>",
    help: "a host name this server is reached by (repeatable): requests naming another host are refused (the control API always, the API on loopback)",
  },
  "data-dir": {
    type: "string",
    arg: "<dir>",
    help: "keep state in this directory (default .notebook-image-server/)",
  },
  "in-memory": { type: "boolean", help: "keep state in memory only" },
  "database-url": { type: "string", arg: "<url>", help: "keep state in PostgreSQL (also DATABASE_URL)" },
  "project-id": {
    type: "string",
    multiple: true,
    arg: "<id>",
    help: "a project the credentials may act on (repeatable)",
  },
  token: { type: "string", multiple: true, arg: "<token>", help: "an accepted X-Auth-Token (repeatable)" },
  "access-key": {
    type: "string",
    multiple: true,
    arg: "<ak>",
    help: "an accepted access key, paired with the --secret-key at the same position (repeatable)",
  },
  "secret-key": { type: "string", multiple: true, arg: "<sk>", help: "its secret key (repeatable)" },
  "temporary-credentials": {
    type: "string",
    arg: "<file>",
    help: 'temporary AK/SK accepted with their security token until they expire: a JSON file as IAM\'s STS answers ({"credential": {"access", "secret", "securitytoken", "expires_at"}}), or an array of such credentials',
  },
  namespace: {
    type: "string",
    multiple: true,
    arg: "<name>",
    help: "an SWR organization that exists (repeatable; default atelier-auto)",
  },
  "registry-host": {
    type: "string",
    arg: "<host>",
    help: "host part of swr_path (default swr.cn-north-4.myhuaweicloud.com)",
  },
  engine: { type: "string", arg: "<kind>", help: "simulated (default) or docker" },
  "max-image-size": {
    type: "string",
    arg: "<n>",
    help: "docker engine: a saved image over n bytes (compressed) ends CREATE_FAILED",
  },
  "built-in-base": {
    type: "string",
    arg: "<image>",
    help: "docker engine: the image the built-in images are made from, pushed under their swr_path when a notebook first needs one (default localhost/notebook-base:latest, as pnpm dev:engine imports it; pulled if the engine lacks it)",
  },
  "registry-username": {
    type: "string",
    arg: "<u>",
    help: "docker engine: the registry's user name (anonymous without it)",
  },
  "registry-password-file": {
    type: "string",
    arg: "<file>",
    help: "docker engine: a file holding that user's password (or the variable NOTEBOOK_IMAGE_SERVER_REGISTRY_PASSWORD; never a flag, so never in ps)",
  },
  transitions: {
    type: "string",
    arg: "<mode>",
    help: "immediate, time or manual, for a new database (default time)",
  },
  seed: {
    type: "string",
    arg: "<file>",
    help: "start from the state in this JSON file (GET /_control/state's document), replacing what the store holds",
  },
  "control-token": {
    type: "string",
    arg: "<t>",
    help: "require X-Control-Token on /_control/ (needed to serve it off loopback)",
  },
  "lock-out-access-keys": {
    type: "boolean",
    help: "lock an access key for 5 minutes after 5 bad signatures, as the gateway does (off by default: anyone who sees an access key could lock it out)",
  },
  "allow-dev-credentials": {
    type: "boolean",
    help: "accept the development credentials on a bind other than loopback (refused by default: they are public)",
  },
  "no-control": { type: "boolean", help: "do not serve /_control/" },
  config: { type: "string", arg: "<file>", help: "read settings from a JSON file" },
  "log-level": {
    type: "string",
    arg: "<level>",
    help: "pino level: fatal, error, warn, info (default), debug, trace, silent",
  },
  "log-format": {
    type: "string",
    arg: "<format>",
    help: "json (default: one pino JSON record a line) or pretty (one readable line a request, for a terminal; `pnpm dev` uses it)",
  },
  help: { type: "boolean", short: "h", help: "show this help" },
  version: { type: "boolean", help: "print the version of the server and exit" },
} as const satisfies Record<
  string,
  { type: "string" | "boolean"; multiple?: true; short?: string; arg?: string; help: string }
>;

/** The usage text: one line per flag of FLAGS, its help wrapped under it past 100 columns. */
export const USAGE = `Usage: notebook-image-server [options]

A stateful local ModelArts notebook-image API: create-image saves walk INIT → CREATING → ACTIVE.

Options (each also NOTEBOOK_IMAGE_SERVER_<NAME> in the environment, or a key of --config's JSON):
${Object.entries(FLAGS)
  .map(([name, flag]) => usageLine(name, flag))
  .join("\n")}
`;

function usageLine(name: string, flag: { short?: string; arg?: string; help: string }): string {
  const column = 26;
  const names = `  ${"short" in flag ? `-${flag.short}, ` : ""}--${name}${flag.arg ? ` ${flag.arg}` : ""}`;
  const lines: string[] = [];
  let line = "";
  for (const word of flag.help.split(" ")) {
    if (line !== "" && column + line.length + 1 + word.length > 100) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  lines.push(line);
  const indent = " ".repeat(column);
  const first = names.length < column ? `${names.padEnd(column)}${lines.shift()}` : names;
  return [first, ...lines.map((l) => `${indent}${l}`)].join("\n");
}

/** What parseArgs reads of FLAGS. */
const PARSE_OPTIONS = Object.fromEntries(
  Object.entries(FLAGS).map(([name, flag]) => [
    name,
    {
      type: flag.type,
      ...("multiple" in flag ? { multiple: true } : {}),
      ...("short" in flag ? { short: flag.short } : {}),
    },
  ]),
) as { [name in keyof typeof FLAGS]: { type: (typeof FLAGS)[name]["type"] } };

/** parseArgs' refusal, with the flag meant when an unknown one is a likely typo of it. */
function flagError(error: Error): string {
  const unknown = /^Unknown option '(-{1,2})([^']+)'/.exec(error.message);
  if (!unknown) return error.message;
  const typed = unknown[2] as string;
  const meant = didYouMean(typed, Object.keys(FLAGS));
  return `Unknown option '${unknown[1]}${typed}'.${meant ? ` Did you mean --${meant}?` : ""}`;
}

export type FlagName = keyof typeof FLAGS;
export type Raw = Partial<Record<FlagName, string | boolean | string[]>>;

/** Raw values of the flags on the command line; ConfigError (with the usage text) for one parseArgs refuses. */
export function readFlags(argv: readonly string[]): Raw {
  try {
    return parseArgs({ args: [...argv], options: PARSE_OPTIONS, allowPositionals: false, strict: true })
      .values as Raw;
  } catch (error) {
    throw new ConfigError(`${flagError(error as Error)}\n\n${USAGE}`);
  }
}

/** A suggestion within a few edits of `word` (two, or a third of a long word), if there is one. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  return closestMatch(word, candidates, { maxDistance: Math.max(2, Math.floor(word.length / 3)) });
}
