// Runs the built CLI as a user would: a child process with its own environment and no terminal.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
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

/**
 * Runs `node dist/bin.js ...args`. The environment holds only PATH, an empty XDG_CONFIG_HOME and
 * `env`, so that the credentials and profiles of whoever runs the tests never leak in; `stdin` is
 * written to the CLI's standard input. A run still going after `limitMs` (default
 * 25 s, under the tests' own 30 s) is killed.
 */
export function runCli(
  args: readonly string[],
  env: Record<string, string> = {},
  options: { limitMs?: number; stdin?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], {
      env: { PATH: process.env.PATH ?? "", XDG_CONFIG_HOME: EMPTY_CONFIG_HOME, ...env },
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
    const limit = setTimeout(() => child.kill("SIGKILL"), options.limitMs ?? 25_000);
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
