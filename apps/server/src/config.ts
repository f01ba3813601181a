// The bin's settings, from three places (a flag wins over the environment, which wins over the
// config file: setting-sources.ts), turned into startServer()'s options one group at a time. Every
// mistake is reported with the setting's name and what is wrong with it.
import { readFileSync } from "node:fs";
import { ConfigError } from "./config-error.js";
import type { ServerOptions } from "./server.js";
import { readSeedFile, readTemporaryCredentials } from "./setting-files.js";
import { type PickSetting, settingSources } from "./setting-sources.js";

export { USAGE } from "./server-flags.js";
export { ConfigError, readTemporaryCredentials };

/** The bin's own defaults, where they differ from startServer()'s. */
export const BIN_DEFAULTS = { port: 4020, dataDir: ".notebook-image-server" } as const;

export interface BinConfig {
  options: ServerOptions;
  help: boolean;
  version: boolean;
  logLevel: string;
  logFormat: "json" | "pretty";
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv): BinConfig {
  const { pick, help, version } = settingSources(argv, env);
  const port = pick<string | number>("port");
  const options: ServerOptions = {
    port: port === undefined ? BIN_DEFAULTS.port : parsePort(port),
    host: pick<string>("host") ?? "127.0.0.1",
    ...stateOptions(pick),
    ...credentialOptions(pick),
    namespaces: pick<string[]>("namespace") ?? [],
    allowedHosts: pick<string[]>("allowed-host") ?? [],
    ...engineOptions(pick, env),
    ...worldOptions(pick),
    ...controlOptions(pick),
  };
  return { options, help, version, ...logSettings(pick) };
}

/** Where the state is kept: one of --database-url, --in-memory and --data-dir (the default). */
function stateOptions(pick: PickSetting): Pick<ServerOptions, "databaseUrl" | "inMemory" | "dataDir"> {
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
    return { databaseUrl };
  }
  if (inMemory) return { inMemory: true };
  return { dataDir: dataDir ?? BIN_DEFAULTS.dataDir };
}

/** Who may call the API, and on which projects (checked by startServer against the spec's project id rule). */
function credentialOptions(
  pick: PickSetting,
): Pick<ServerOptions, "projectIds" | "tokens" | "accessKeys" | "temporaryCredentials"> {
  const accessKeys = pick<string[]>("access-key") ?? [];
  const secretKeys = pick<string[]>("secret-key") ?? [];
  if (accessKeys.length !== secretKeys.length) {
    throw new ConfigError(
      `Each --access-key needs its --secret-key: ${accessKeys.length} access key(s) and ${secretKeys.length} secret key(s) were given.`,
    );
  }
  const temporaryFile = pick<string>("temporary-credentials");
  return {
    projectIds: pick<string[]>("project-id") ?? [],
    tokens: pick<string[]>("token") ?? [],
    accessKeys: accessKeys.map((accessKey, i) => ({ accessKey, secretKey: secretKeys[i] as string })),
    ...(temporaryFile === undefined ? {} : { temporaryCredentials: readTemporaryCredentials(temporaryFile) }),
  };
}

/** The engine and its registry; the docker engine's own settings are refused with the simulated one. */
function engineOptions(
  pick: PickSetting,
  env: NodeJS.ProcessEnv,
): Pick<ServerOptions, "registryHost" | "engine" | "maxImageSize" | "registryAuth" | "builtInBase"> {
  const options: Pick<
    ServerOptions,
    "registryHost" | "engine" | "maxImageSize" | "registryAuth" | "builtInBase"
  > = {};
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
  const builtInBase = pick<string>("built-in-base");
  if (builtInBase !== undefined) {
    if (builtInBase.trim() === "") throw new ConfigError("--built-in-base must name an image, not be empty.");
    if (engine !== "docker") throw new ConfigError("--built-in-base applies to --engine docker only.");
    options.builtInBase = builtInBase;
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
  return options;
}

/** How the world starts: its transitions, and the state of --seed's file. */
function worldOptions(pick: PickSetting): Pick<ServerOptions, "transitions" | "seedState"> {
  const options: Pick<ServerOptions, "transitions" | "seedState"> = {};
  const transitions = pick<string>("transitions");
  if (transitions !== undefined) {
    if (transitions === "immediate" || transitions === "manual") options.transitions = { mode: transitions };
    else if (transitions !== "time") {
      throw new ConfigError(`--transitions must be immediate, time or manual, not "${transitions}".`);
    }
  }
  const seedFile = pick<string>("seed");
  if (seedFile !== undefined) options.seedState = readSeedFile(seedFile);
  return options;
}

/** The control API and the gateway's switches: only what was asked for is set. */
function controlOptions(
  pick: PickSetting,
): Pick<ServerOptions, "controlToken" | "control" | "lockOutAccessKeys" | "allowDevCredentials"> {
  const controlToken = pick<string>("control-token");
  return {
    ...(controlToken === undefined ? {} : { controlToken }),
    ...(pick<boolean>("no-control") === true ? { control: false } : {}),
    ...(pick<boolean>("lock-out-access-keys") === true ? { lockOutAccessKeys: true } : {}),
    ...(pick<boolean>("allow-dev-credentials") === true ? { allowDevCredentials: true } : {}),
  };
}

/** The bin's logging, which startServer() takes as a stream. */
function logSettings(pick: PickSetting): Pick<BinConfig, "logLevel" | "logFormat"> {
  const logLevel = pick<string>("log-level") ?? "info";
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(
      `--log-level must be fatal, error, warn, info, debug, trace or silent, not "${logLevel}".`,
    );
  }
  const logFormat = pick<string>("log-format") ?? "json";
  if (logFormat !== "json" && logFormat !== "pretty")
    throw new ConfigError(`--log-format must be json or pretty, not "${logFormat}".`);
  return { logLevel, logFormat };
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
