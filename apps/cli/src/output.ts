// The two streams as the commands write to them: styled for themselves, shown without the control
// characters of text from outside (terminal-text.ts), scrubbed of secrets, and, with --json, errors
// as one JSON object on stdout for scripts (the words still on stderr).
import type { ExitCode } from "./exit-codes.js";
import type { Io, Stream } from "./io.js";
import { scrub } from "./redact.js";
import { type Style, styleFor } from "./style.js";
import { forTerminal, terminalJson } from "./terminal-text.js";

/**
 * One output stream, styled for itself. What it writes reaches the stream without control
 * characters but the CLI's own sequences, and with every known secret scrubbed.
 */
export interface Out {
  style: Style;
  write(text: string): void;
  /** The stream itself, for what needs to know if it is a terminal (the live status line). */
  stream: Stream;
}

export interface Output {
  stdout: Out;
  stderr: Out;
  env: Io["env"];
  /** Secrets to scrub from everything written; the credentials add theirs when loaded. */
  secrets: string[];
  json: boolean;
  /**
   * Reports a failure: the message on stderr, and with --json a JSON error object on stdout
   * (`name`, `message`, `exitCode` and the fields given). Returns the exit code.
   */
  fail(
    code: ExitCode,
    text: string,
    error: Record<string, unknown> & { name: string; message: string },
  ): ExitCode;
  /** Prints a result: JSON on stdout with --json, else the text. */
  result(value: unknown, text: string): void;
}

export function createOutput(io: Io, json: boolean): Output {
  const secrets: string[] = [];
  const out = (stream: Stream): Out => ({
    style: styleFor(stream, io.env),
    write: (text) => void stream.write(scrub(forTerminal(text), secrets)),
    stream,
  });
  const stdout = out(io.stdout);
  const stderr = out(io.stderr);
  return {
    stdout,
    stderr,
    env: io.env,
    secrets,
    json,
    fail(code, text, error) {
      if (json) stdout.write(`${terminalJson({ ...error, exitCode: code })}\n`);
      stderr.write(text);
      return code;
    },
    result(value, text) {
      stdout.write(json ? `${terminalJson(value)}\n` : text);
    },
  };
}
