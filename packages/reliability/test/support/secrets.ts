// Checks that no secret appears in any way an error can be printed or logged.
import { inspect } from "node:util";
import { expect } from "vitest";

/** Every form of an error that could end up in a log, a report or a terminal. */
export function renderings(error: unknown): Record<string, string> {
  const e = error as { message?: unknown; stack?: unknown; cause?: unknown } | undefined;
  let json: string;
  try {
    json = JSON.stringify(error) ?? "";
  } catch (failure) {
    json = `JSON.stringify threw: ${String(failure)}`;
  }
  return {
    message: String(e?.message),
    toString: String(error),
    stack: String(e?.stack),
    json,
    inspect: inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    cause: inspect(e?.cause, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  };
}

/**
 * Secrets to look for: the credentials themselves, and each credential header value the server
 * received (for AK/SK, the whole Authorization value and its signature alone).
 */
export function secretsOf(credentials: readonly string[], headerValues: readonly string[]): string[] {
  const signatures = headerValues.flatMap((v) => /Signature=([0-9a-f]+)/.exec(v)?.[1] ?? []);
  return [...new Set([...credentials, ...headerValues, ...signatures])].filter((s) => s.length >= 8);
}

export function expectNoSecret(error: unknown, secrets: readonly string[]) {
  for (const [form, text] of Object.entries(renderings(error))) {
    for (const secret of secrets) {
      expect(text.includes(secret), `a secret appears in the error's ${form}: ${text.slice(0, 300)}`).toBe(
        false,
      );
    }
  }
}
