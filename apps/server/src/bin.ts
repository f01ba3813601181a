#!/usr/bin/env node
// notebook-image-server: reads flags, environment and config file, starts the server, prints where
// it listens and what it accepts, and closes it gracefully on SIGINT/SIGTERM.
// The server's modules (fastify, Kysely, PGlite, Ajv…: most of a start's module loading) are imported
// once the settings are read, so that --help, --version and a mistake in them answer at once; the
// store is started before the rest, so that PGlite's asynchronous start overlaps their loading.
import { createRequire } from "node:module";
import type { Writable } from "node:stream";
import { type BinConfig, ConfigError, parseConfig, USAGE } from "./config.js";
import type { RunningServer } from "./server.js";
import { DEV_CREDENTIALS } from "./server-credentials.js";

/** Secrets given on the command line are the user's: show enough to recognise them, not to use them. */
const mask = (secret: string) =>
  secret.length <= 8 ? "****" : `${secret.slice(0, 4)}…(${secret.length} chars)`;
const shown = (secret: string, ...devValues: string[]) =>
  devValues.includes(secret) ? secret : mask(secret);

function banner(server: RunningServer, config: BinConfig["options"]): string {
  const { tokens, accessKeys, projectIds } = server.credentials;
  const lines = [`notebook-image-server listening on ${server.url}`];
  const state = config.databaseUrl
    ? "PostgreSQL (--database-url)"
    : config.inMemory
      ? "memory (gone when the server stops)"
      : `PGlite in ${config.dataDir}`;
  lines.push(`  state        ${state}`, `  engine       ${config.engine ?? "simulated"}`);
  // The registry's user is shown, its password never (not even masked).
  if (config.registryAuth)
    lines.push(`  registry     ${config.registryHost} as ${config.registryAuth.username}`);
  lines.push(`  project ids  ${projectIds.join(", ")}`);
  for (const token of tokens)
    lines.push(`  token        X-Auth-Token: ${shown(token, DEV_CREDENTIALS.token)}`);
  for (const key of accessKeys) {
    lines.push(`  AK/SK        ${key.accessKey} / ${shown(key.secretKey, DEV_CREDENTIALS.secretKey)}`);
  }
  for (const key of server.credentials.temporaryCredentials) {
    lines.push(
      `  temporary    ${key.accessKey} / ${mask(key.secretKey)} + X-Security-Token ${mask(key.securityToken)}, until ${key.expiresAt.toISOString()}`,
    );
  }
  lines.push(
    server.control
      ? `  control API  ${server.url}/_control/health`
      : config.control === false
        ? "  control API  off (--no-control)"
        : "  control API  off (bound off loopback without --control-token)",
  );
  return `${lines.join("\n")}\n`;
}

/** Why the server did not start; a taken port says what to do (`pnpm dev` and `pnpm dev:engine` both use 4020). */
function startFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if ((error as NodeJS.ErrnoException | undefined)?.code !== "EADDRINUSE") return message;
  return `${message}: another process listens there (another notebook-image-server: \`pnpm dev\`, \`pnpm dev:engine\`?). Stop it, or pass another --port (0 picks a free one).`;
}

/**
 * Where the log goes: pino's JSON records to stdout, or (`--log-format pretty`) through pino-pretty,
 * one line each: `09:12:01 GET /v1/…/images 200 3 ms`, the request id and the details dropped.
 */
async function logDestination(format: BinConfig["logFormat"]): Promise<Writable> {
  if (format === "json") return process.stdout;
  const { default: pretty } = await import("pino-pretty");
  return pretty({
    destination: 1,
    sync: true,
    translateTime: "SYS:HH:MM:ss",
    ignore: "pid,hostname,reqId,req,res,responseTime",
    singleLine: true,
  });
}

async function main(): Promise<void> {
  let config: BinConfig;
  try {
    config = parseConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`notebook-image-server: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  if (config.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (config.version) {
    const manifest = createRequire(import.meta.url)("../package.json") as { version: string };
    process.stdout.write(`${manifest.version}\n`);
    return;
  }
  let server: RunningServer;
  try {
    // The store first: PGlite's asynchronous start (its files, its WebAssembly) overlaps the loading
    // of the rest of the server (fastify, Ajv, the spec).
    const { openServerStore } = await import("./server-store.js");
    const { openStore } = await import("./store/index.js");
    const store = openServerStore(config.options, openStore);
    // Awaited by startServerWith once loaded, which reports its failure; until then it must not
    // count as unhandled.
    store.catch(() => undefined);
    const { startServerWith } = await import("./server.js");
    server = await startServerWith(
      {
        ...config.options,
        logStream: config.logLevel === "silent" ? undefined : await logDestination(config.logFormat),
        logLevel: config.logLevel,
      },
      { store },
    );
  } catch (error) {
    process.stderr.write(`notebook-image-server: ${startFailure(error)}\n`);
    process.exitCode = 1;
    return;
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`notebook-image-server: ${signal} again, exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    process.stderr.write(`notebook-image-server: ${signal}, closing\n`);
    // Never hang on the way out: a close that takes longer than this ends the process anyway.
    const deadline = setTimeout(() => process.exit(1), 10_000);
    deadline.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`notebook-image-server: closing failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  if (!server.loopback) {
    process.stderr.write(
      `notebook-image-server: warning: bound to ${config.options.host}, not loopback: other machines can reach this server${server.credentials.tokens.includes(DEV_CREDENTIALS.token) ? ", and it accepts the public development credentials (--allow-dev-credentials)" : ""}.\n`,
    );
  }
  // Printed once the handlers are in place: whoever waits for this line may signal at once.
  process.stdout.write(banner(server, config.options));
}

await main();
