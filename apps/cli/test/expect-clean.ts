import { expect } from "vitest";
import { ALL_SECRETS, type CliResult } from "./cli.js";

/**
 * What must hold for every run, whatever the outcome: no secret anywhere in the output, no stack
 * trace, and no colour codes (the tests' output is a pipe, not a terminal).
 */
export function expectClean(result: CliResult): void {
  const output = result.stdout + result.stderr;
  for (const secret of ALL_SECRETS) expect(output).not.toContain(secret);
  expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes is the point
  expect(output).not.toMatch(/\u001b\[/);
}
