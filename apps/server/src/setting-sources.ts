// Where a setting of the bin comes from: a flag wins over the environment (NOTEBOOK_IMAGE_SERVER_*,
// and DATABASE_URL), which wins over the JSON file given by --config.
import { readFileSync } from "node:fs";
import { ConfigError } from "./config-error.js";
import { didYouMean, FLAGS, type FlagName, type Raw, readFlags } from "./server-flags.js";

/** A setting's raw value from the first place that gives it (undefined when none does). */
export type PickSetting = <T>(flag: FlagName) => T | undefined;

export interface SettingSources {
  pick: PickSetting;
  /** --help (or -h) on the command line: only there, never from the environment. */
  help: boolean;
  /** --version on the command line: only there, as --help. */
  version: boolean;
}

export function settingSources(argv: readonly string[], env: NodeJS.ProcessEnv): SettingSources {
  const flags = readFlags(argv);
  const fromEnv = readEnvironment(env);
  const configPath = (flags.config ?? fromEnv.config) as string | undefined;
  const fromFile = configPath ? readConfigFile(configPath) : {};
  const pick = <T>(flag: FlagName): T | undefined =>
    (flags[flag] ?? fromEnv[flag] ?? fromFile[flag]) as T | undefined;
  return { pick, help: flags.help === true, version: flags.version === true };
}

/**
 * Flags that ask for something now rather than set the server up: read from the command line only
 * (a NOTEBOOK_IMAGE_SERVER_VERSION meant for something else is not taken for --version).
 */
const COMMAND_LINE_ONLY = new Set<FlagName>(["help", "version"]);

/** config-file key (camelCase) of each flag. */
const fileKey = (flag: FlagName) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const envKey = (flag: FlagName) => `NOTEBOOK_IMAGE_SERVER_${flag.toUpperCase().replaceAll("-", "_")}`;

/** The NOTEBOOK_IMAGE_SERVER_* variables (and DATABASE_URL) that are set; a list is comma-separated. */
function readEnvironment(env: NodeJS.ProcessEnv): Raw {
  const fromEnv: Raw = {};
  for (const [flag, spec] of Object.entries(FLAGS) as [FlagName, (typeof FLAGS)[FlagName]][]) {
    if (COMMAND_LINE_ONLY.has(flag)) continue;
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
  return fromEnv;
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
    if (!flag || flag === "config" || COMMAND_LINE_ONLY.has(flag)) {
      const meant = didYouMean(key, [...known.keys()]);
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

function parseBoolean(name: string, value: string): boolean {
  if (/^(1|true|yes)$/i.test(value)) return true;
  if (/^(0|false|no)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be true or false, not "${value}".`);
}
