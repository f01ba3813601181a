// The bin's settings, from three places (a flag wins over the environment, which wins over the
// config file): flags, NOTEBOOK_IMAGE_SERVER_* variables (and DATABASE_URL), a JSON file given by
// --config. Every mistake is reported with the setting's name and what is wrong with it.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { closestMatch } from "@notebook-image/client/app-helpers";
import type { ServerOptions, TemporaryCredentials } from "./server.js";

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** The bin's own defaults, where they differ from startServer()'s. */
export const BIN_DEFAULTS = { port: 4020, dataDir: ".notebook-image-server" } as const;

export interface BinConfig {
  options: ServerOptions;
  help: boolean;
  logLevel: string;
  logFormat: "json" | "pretty";
}

/**
 * Every flag, once: what parseArgs reads (type, multiple, short), and the usage text's line
 * (`arg`, the value's name; `help`, what it does). USAGE below is written from this table.
 */
const FLAGS = {
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
  const meant = closestMatch(typed, Object.keys(FLAGS));
  return `Unknown option '${unknown[1]}${typed}'.${meant ? ` Did you mean --${meant}?` : ""}`;
}

type FlagName = keyof typeof FLAGS;
type Raw = Partial<Record<FlagName, string | boolean | string[]>>;

/** config-file key (camelCase) of each flag. */
const fileKey = (flag: FlagName) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const envKey = (flag: FlagName) => `NOTEBOOK_IMAGE_SERVER_${flag.toUpperCase().replaceAll("-", "_")}`;

export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv): BinConfig {
  let flags: Raw;
  try {
    flags = parseArgs({ args: [...argv], options: PARSE_OPTIONS, allowPositionals: false, strict: true })
      .values as Raw;
  } catch (error) {
    throw new ConfigError(`${flagError(error as Error)}\n\n${USAGE}`);
  }
  const fromEnv: Raw = {};
  for (const [flag, spec] of Object.entries(FLAGS) as [FlagName, (typeof FLAGS)[FlagName]][]) {
    const value = env[envKey(flag)];
    if (value === undefined || value === "") continue;
    if (spec.type === "boolean") fromEnv[flag] = parseBoolean(envKey(flag), value);
    else
      fromEnv[flag] =
        "multiple" in spec
          ? value
              .split(",")
              .map((v) => v.trim())
              .filter(Boolean)
          : value;
  }
  if (env.DATABASE_URL && fromEnv["database-url"] === undefined) fromEnv["database-url"] = env.DATABASE_URL;

  const configPath = (flags.config ?? fromEnv.config) as string | undefined;
  const fromFile = configPath ? readConfigFile(configPath) : {};
  const pick = <T>(flag: FlagName): T | undefined =>
    (flags[flag] ?? fromEnv[flag] ?? fromFile[flag]) as T | undefined;

  const options: ServerOptions = {};
  const port = pick<string | number>("port");
  options.port = port === undefined ? BIN_DEFAULTS.port : parsePort(port);
  const logLevel = pick<string>("log-level") ?? "info";
  options.host = pick<string>("host") ?? "127.0.0.1";

  const databaseUrl = pick<string>("database-url");
  const dataDir = pick<string>("data-dir");
  const inMemory = pick<boolean>("in-memory") === true;
  const stores = [databaseUrl && "--database-url", dataDir && "--data-dir", inMemory && "--in-memory"].filter(
    Boolean,
  );
  if (stores.length > 1)
    throw new ConfigError(`Choose one place for the state: ${stores.join(" and ")} were both given.`);
  if (databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
      throw new ConfigError("--database-url must be a postgres:// or postgresql:// URL.");
    }
    options.databaseUrl = databaseUrl;
  } else if (inMemory) options.inMemory = true;
  else options.dataDir = dataDir ?? BIN_DEFAULTS.dataDir;

  const list = (flag: FlagName) => pick<string[]>(flag) ?? [];
  // Checked by startServer against the spec's own project id rule.
  options.projectIds = list("project-id");
  options.tokens = list("token");
  const accessKeys = list("access-key");
  const secretKeys = list("secret-key");
  if (accessKeys.length !== secretKeys.length) {
    throw new ConfigError(
      `Each --access-key needs its --secret-key: ${accessKeys.length} access key(s) and ${secretKeys.length} secret key(s) were given.`,
    );
  }
  options.accessKeys = accessKeys.map((accessKey, i) => ({ accessKey, secretKey: secretKeys[i] as string }));
  const temporaryFile = pick<string>("temporary-credentials");
  if (temporaryFile !== undefined) options.temporaryCredentials = readTemporaryCredentials(temporaryFile);
  options.namespaces = list("namespace");
  options.allowedHosts = list("allowed-host");
  const registryHost = pick<string>("registry-host");
  if (registryHost !== undefined) {
    if (!/^[A-Za-z0-9.-]+(:\d+)?$/.test(registryHost)) {
      throw new ConfigError(`--registry-host "${registryHost}" is not a host name (with an optional :port).`);
    }
    options.registryHost = registryHost;
  }
  const engine = pick<string>("engine") ?? "simulated";
  if (engine !== "simulated" && engine !== "docker") {
    throw new ConfigError(`--engine must be simulated or docker, not "${engine}".`);
  }
  options.engine = engine;
  const maxImageSize = pick<string | number>("max-image-size");
  if (maxImageSize !== undefined) {
    const bytes = Number(maxImageSize);
    if (!Number.isSafeInteger(bytes) || bytes <= 0) {
      throw new ConfigError(
        `--max-image-size must be a whole number of bytes above 0, not "${maxImageSize}".`,
      );
    }
    if (engine !== "docker") throw new ConfigError("--max-image-size applies to --engine docker only.");
    options.maxImageSize = bytes;
  }
  const registryAuth = registryCredentials(
    pick<string>("registry-username"),
    pick<string>("registry-password-file"),
    env.NOTEBOOK_IMAGE_SERVER_REGISTRY_PASSWORD,
  );
  if (registryAuth) {
    if (engine !== "docker") throw new ConfigError("--registry-username applies to --engine docker only.");
    options.registryAuth = registryAuth;
  }
  const transitions = pick<string>("transitions");
  if (transitions !== undefined) {
    if (transitions === "immediate" || transitions === "manual") options.transitions = { mode: transitions };
    else if (transitions !== "time") {
      throw new ConfigError(`--transitions must be immediate, time or manual, not "${transitions}".`);
    }
  }
  const seedFile = pick<string>("seed");
  if (seedFile !== undefined) options.seedState = readSeedFile(seedFile);
  const controlToken = pick<string>("control-token");
  if (controlToken !== undefined) options.controlToken = controlToken;
  if (pick<boolean>("no-control") === true) options.control = false;
  if (pick<boolean>("lock-out-access-keys") === true) options.lockOutAccessKeys = true;
  if (pick<boolean>("allow-dev-credentials") === true) options.allowDevCredentials = true;
  if (!["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(logLevel)) {
    throw new ConfigError(
      `--log-level must be fatal, error, warn, info, debug, trace or silent, not "${logLevel}".`,
    );
  }
  const logFormat = pick<string>("log-format") ?? "json";
  if (logFormat !== "json" && logFormat !== "pretty")
    throw new ConfigError(`--log-format must be json or pretty, not "${logFormat}".`);
  return { options, help: flags.help === true, logLevel, logFormat };
}

/**
 * The registry's credentials: a user name and its password, from a file or the environment. A
 * message names the setting at fault, never the password.
 */
function registryCredentials(
  username: string | undefined,
  passwordFile: string | undefined,
  passwordEnv: string | undefined,
): { username: string; password: string } | undefined {
  if (passwordFile !== undefined && passwordEnv) {
    throw new ConfigError(
      "Give the registry password once: --registry-password-file and NOTEBOOK_IMAGE_SERVER_REGISTRY_PASSWORD were both given.",
    );
  }
  let password = passwordEnv || undefined;
  if (passwordFile !== undefined) {
    try {
      // One trailing newline is the file's, not the password's (echo secret > file).
      password = readFileSync(passwordFile, "utf8").replace(/\r?\n$/, "");
    } catch (error) {
      throw new ConfigError(
        `Cannot read --registry-password-file ${passwordFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      );
    }
    if (password === "") throw new ConfigError(`--registry-password-file ${passwordFile} is empty.`);
  }
  if (username === undefined && password === undefined) return undefined;
  if (username === undefined || username === "") {
    throw new ConfigError("A registry password was given without --registry-username.");
  }
  if (password === undefined) {
    throw new ConfigError(
      "--registry-username needs its password: --registry-password-file <file> or NOTEBOOK_IMAGE_SERVER_REGISTRY_PASSWORD.",
    );
  }
  return { username, password };
}

function parsePort(value: string | number): number {
  const port = typeof value === "number" ? value : /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`--port must be a whole number from 0 to 65535, not "${value}".`);
  }
  return port;
}

function parseBoolean(name: string, value: string): boolean {
  if (/^(1|true|yes)$/i.test(value)) return true;
  if (/^(0|false|no)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be true or false, not "${value}".`);
}

/** The --seed file's JSON; startServer checks it against the control document's ServerState. */
function readSeedFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(
      `Cannot read --seed ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`--seed ${path} is not JSON: ${(error as Error).message}.`);
  }
}

/** The JSON file's keys are the flags in camelCase (dataDir, projectId…); lists are arrays. */
function readConfigFile(path: string): Raw {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(`Cannot read the config file ${path}: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ConfigError(`The config file ${path} must hold a JSON object.`);
  }
  const known = new Map((Object.keys(FLAGS) as FlagName[]).map((flag) => [fileKey(flag), flag]));
  const raw: Raw = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const flag = known.get(key);
    if (!flag || flag === "config" || flag === "help") {
      const meant = closestMatch(key, [...known.keys()]);
      throw new ConfigError(
        `The config file ${path} has an unknown key "${key}".${meant ? ` Did you mean "${meant}"?` : ""}`,
      );
    }
    const spec = FLAGS[flag];
    const wanted = spec.type === "boolean" ? "boolean" : "multiple" in spec ? "array" : "string";
    const ok =
      wanted === "array"
        ? Array.isArray(value) && value.every((v) => typeof v === "string")
        : typeof value === wanted || (flag === "port" && typeof value === "number");
    if (!ok)
      throw new ConfigError(
        `The config file ${path}: "${key}" must be ${wanted === "array" ? "an array of strings" : `a ${wanted}`}.`,
      );
    raw[flag] = value as string | boolean | string[];
  }
  return raw;
}

/**
 * Temporary credentials from a JSON file in the form IAM's STS answers (and ECS metadata gives, and
 * Huawei's SDKs read): `{"credential": {"access", "secret", "securitytoken", "expires_at"}}`, the
 * inner object alone, or an array of either.
 */
export function readTemporaryCredentials(path: string): TemporaryCredentials[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError(`Cannot read --temporary-credentials ${path}: ${why}.`);
  }
  return (Array.isArray(parsed) ? parsed : [parsed]).map((entry, i) => {
    const where = `--temporary-credentials ${path}${Array.isArray(parsed) ? ` [${i}]` : ""}`;
    const credential = (entry as { credential?: unknown })?.credential ?? entry;
    const field = (name: string) => {
      const value = (credential as Record<string, unknown> | null)?.[name];
      if (typeof value !== "string" || value === "")
        throw new ConfigError(`${where}: "${name}" must be a non-empty string.`);
      return value;
    };
    const expiresAt = new Date(field("expires_at"));
    if (Number.isNaN(expiresAt.getTime()))
      throw new ConfigError(`${where}: "expires_at" must be a date such as 2026-12-07T10:00:00.000000Z.`);
    return {
      accessKey: field("access"),
      secretKey: field("secret"),
      securityToken: field("securitytoken"),
      expiresAt,
    };
  });
}
