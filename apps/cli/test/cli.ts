// Runs the CLI as a user would, with its own environment and no terminal: in this process through
// run(), the function the bin hands its process's streams to (runCli), or as the built bin in a
// child process (runBin) for what only a process shows: that it starts on the Node.js release,
// what reaches its real stdout and stderr, its exit status.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { run } from "../src/run.js";
import { EXAMPLE_INSTANCE_ID, EXAMPLE_PROJECT_ID, EXAMPLE_REQUEST } from "./spec-examples.js";

export const binPath = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

/**
 * An empty configuration directory for every run that does not bring its own XDG_CONFIG_HOME, so
 * that the profiles of whoever runs the tests are never read.
 */
export const EMPTY_CONFIG_HOME = mkdtempSync(join(tmpdir(), "notebook-image-cli-config-"));

export const INSTANCE_ID = EXAMPLE_INSTANCE_ID;
export const PROJECT_ID = EXAMPLE_PROJECT_ID;
/** Made-up secrets, long and distinctive so that a leak is found wherever it lands. */
export const TOKEN = "tok-SECRET-7d1f0c9e4b2a";
export const ACCESS_KEY = "AK-SECRET-9QWERTYUIOP";
export const SECRET_KEY = "SK-SECRET-zxcvbnm1234567890";
export const SECURITY_TOKEN = "STS-SECRET-0a1b2c3d4e5f";
export const ALL_SECRETS = [TOKEN, ACCESS_KEY, SECRET_KEY, SECURITY_TOKEN];

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** A run still going after this long (default 25 s, under the tests' own 30 s) ends with code null. */
  limitMs?: number;
  /** What the CLI reads on its standard input (a pipe, not a terminal). */
  stdin?: string;
}

const DEFAULT_LIMIT_MS = 25_000;

/**
 * The CLI's environment: only PATH, an empty XDG_CONFIG_HOME and `env`, so that the credentials
 * and profiles of whoever runs the tests never leak in.
 */
function cliEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? "", XDG_CONFIG_HOME: EMPTY_CONFIG_HOME, ...env };
}

/**
 * Runs `notebook-image ...args` in this process: run(), as the bin calls it, with pipes for stdin,
 * stdout and stderr (no terminal, so no colour or live line) and the environment of cliEnv(). The
 * bin adds nothing to run() but handing it the process's streams and setting the exit status, so
 * a test of what the CLI says and returns needs no process of its own (~0.3 CPU-s each). A run
 * still going after `limitMs` resolves with code null, as a killed process would.
 */
export async function runCli(
  args: readonly string[],
  env: Record<string, string> = {},
  options: RunOptions = {},
): Promise<CliResult> {
  const stdout = capture();
  const stderr = capture();
  const ran = run(args, {
    env: cliEnv(env),
    stdin: Readable.from([Buffer.from(options.stdin ?? "")]),
    stdout,
    stderr,
  });
  let limit: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    limit = setTimeout(() => resolve(null), options.limitMs ?? DEFAULT_LIMIT_MS);
  });
  try {
    const code = await Promise.race([ran, late]);
    return { code, stdout: stdout.text, stderr: stderr.text };
  } finally {
    clearTimeout(limit);
  }
}

/** A stream that keeps what is written to it, as a pipe to the test would. */
function capture(): { text: string; write(chunk: string): boolean } {
  return {
    text: "",
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

/**
 * Runs `node dist/bin.js ...args`, the built bin in a child process, with the environment of
 * cliEnv(); `stdin` is written to its standard input. A run still going after `limitMs` is killed.
 */
export function runBin(
  args: readonly string[],
  env: Record<string, string> = {},
  options: RunOptions = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], {
      env: cliEnv(env),
      stdio: ["pipe", "pipe", "pipe"],
    });
    child.stdin.end(options.stdin ?? "");
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    // A run that hangs is ended before the test's own limit, so that no CLI outlives its test.
    const limit = setTimeout(() => child.kill("SIGKILL"), options.limitMs ?? DEFAULT_LIMIT_MS);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(limit);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The arguments of a valid save of the reference page's example (its name, namespace and tag). */
export function saveArgs(endpoint: string, ...extra: string[]): string[] {
  return [
    "save",
    INSTANCE_ID,
    "--name",
    String(EXAMPLE_REQUEST.name),
    "--namespace",
    String(EXAMPLE_REQUEST.namespace),
    "--tag",
    String(EXAMPLE_REQUEST.tag),
    "--project-id",
    PROJECT_ID,
    "--endpoint",
    endpoint,
    ...extra,
  ];
}
