// The files a setting names (--seed, --temporary-credentials), read and checked: a ConfigError names
// the setting and the file, never a secret it holds.
import { readFileSync } from "node:fs";
import { ConfigError } from "./config-error.js";
import type { TemporaryCredentials } from "./server-credentials.js";

/** The --seed file's JSON; startServer checks it against the control document's ServerState. */
export function readSeedFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(
      `Cannot read --seed ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`--seed ${path} is not JSON: ${(error as Error).message}.`);
  }
}

/**
 * Temporary credentials from a JSON file in the form IAM's STS answers (and ECS metadata gives, and
 * Huawei's SDKs read): `{"credential": {"access", "secret", "securitytoken", "expires_at"}}`, the
 * inner object alone, or an array of either.
 */
export function readTemporaryCredentials(path: string): TemporaryCredentials[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError(`Cannot read --temporary-credentials ${path}: ${why}.`);
  }
  return (Array.isArray(parsed) ? parsed : [parsed]).map((entry, i) => {
    const where = `--temporary-credentials ${path}${Array.isArray(parsed) ? ` [${i}]` : ""}`;
    const credential = (entry as { credential?: unknown })?.credential ?? entry;
    const field = (name: string) => {
      const value = (credential as Record<string, unknown> | null)?.[name];
      if (typeof value !== "string" || value === "")
        throw new ConfigError(`${where}: "${name}" must be a non-empty string.`);
      return value;
    };
    const expiresAt = new Date(field("expires_at"));
    if (Number.isNaN(expiresAt.getTime()))
      throw new ConfigError(`${where}: "expires_at" must be a date such as 2026-12-07T10:00:00.000000Z.`);
    return {
      accessKey: field("access"),
      secretKey: field("secret"),
      securityToken: field("securitytoken"),
      expiresAt,
    };
  });
}
