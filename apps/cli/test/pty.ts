// Runs the built CLI under a pseudo-terminal, as a user at a terminal would: util-linux's
// `script` gives the process a pty for stdin, stdout and stderr (one stream: what the screen
// shows). Ctrl-C is sent as the byte the terminal turns into SIGINT.
import { spawn } from "node:child_process";
import { binPath } from "./cli.js";

export interface PtyResult {
  code: number | null;
  /** Everything the terminal received, escape codes and carriage returns included. */
  screen: string;
}

const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

export function runCliInPty(
  args: readonly string[],
  env: Record<string, string>,
  options: { interruptWhen?: (screen: string) => boolean; columns?: number; timeoutMs?: number } = {},
): Promise<PtyResult> {
  const command = `stty cols ${options.columns ?? 160} rows 40; exec ${[process.execPath, binPath, ...args].map(quote).join(" ")}`;
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qfec", command, "/dev/null"], {
      env: { PATH: process.env.PATH ?? "", TERM: "xterm-256color", ...env },
      stdio: ["pipe", "pipe", "pipe"],
      // Its own process group, so that a run that hangs is ended with the CLI under it.
      detached: true,
    });
    const limit = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    }, options.timeoutMs ?? 25_000);
    let screen = "";
    let interrupted = false;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      screen += chunk;
      if (!interrupted && options.interruptWhen?.(screen)) {
        interrupted = true;
        child.stdin.write("\u0003");
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      screen += chunk;
    });
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(limit);
      resolve({ code, screen });
    });
  });
}

/**
 * What a terminal shows at the end: each line as it was last drawn (a carriage return goes back
 * to the line's start, "erase line" clears it), escape codes removed.
 */
export function finalScreen(screen: string): string[] {
  return screen
    .replaceAll("\r\n", "\n")
    .split("\n")
    .map((line) => {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: "erase line" is the point
      const drawn = line.split(/\r|\u001b\[2K/).filter((part) => part !== "");
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping SGR codes is the point
      return (drawn.at(-1) ?? "").replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "");
    });
}
