// Runs the built CLI under a pseudo-terminal, as a user at a terminal would: util-linux's
// `script` gives the process a pty for stdin, stdout and stderr (one stream: what the screen
// shows). Ctrl-C is sent as the byte the terminal turns into SIGINT.
import { spawn } from "node:child_process";
import { binPath, EMPTY_CONFIG_HOME } from "./cli.js";

export interface PtyResult {
  code: number | null;
  /** Everything the terminal received, escape codes and carriage returns included. */
  screen: string;
}

const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

export function runCliInPty(
  args: readonly string[],
  env: Record<string, string>,
  options: {
    interruptWhen?: (screen: string) => boolean;
    /** Typed answers: each is typed once the screen shows its prompt (in order), then Enter. */
    answers?: readonly [prompt: string, answer: string][];
    columns?: number;
    timeoutMs?: number;
  } = {},
): Promise<PtyResult> {
  const command = `stty cols ${options.columns ?? 160} rows 40; exec ${[process.execPath, binPath, ...args].map(quote).join(" ")}`;
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qfec", command, "/dev/null"], {
      env: {
        PATH: process.env.PATH ?? "",
        TERM: "xterm-256color",
        XDG_CONFIG_HOME: EMPTY_CONFIG_HOME,
        ...env,
      },
      stdio: ["pipe", "pipe", "pipe"],
      // Its own process group, so that a run that hangs is ended with the CLI under it.
      detached: true,
    });
    const limit = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    }, options.timeoutMs ?? 25_000);
    let screen = "";
    let interrupted = false;
    let answered = 0;
    let searchFrom = 0;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      screen += chunk;
      const next = options.answers?.[answered];
      const at = next === undefined ? -1 : screen.indexOf(next[0], searchFrom);
      if (next !== undefined && at >= 0) {
        answered += 1;
        searchFrom = at + next[0].length;
        child.stdin.write(`${next[1]}\r`);
      }
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
