import { ACCESS_KEY_PLACEHOLDER, SIGNATURE_PLACEHOLDER } from "./dry-run.js";

export const REDACTED = "[redacted]";

/** What a dry run without credentials shows in their place: not secrets, left as they are. */
const placeholders = new Set([ACCESS_KEY_PLACEHOLDER, SIGNATURE_PLACEHOLDER]);

/** Headers whose values are credentials, shown as REDACTED wherever the CLI prints headers. */
const secretHeaders = new Set([
  "x-auth-token",
  "x-security-token",
  "authorization",
  "proxy-authorization",
  "cookie",
]);

/**
 * An SDK-HMAC-SHA256 Authorization keeps its scheme and signed-header list, which help debugging;
 * the access key and signature go. Any other credential header is hidden whole.
 */
export function redactHeader(name: string, value: string): string {
  if (!secretHeaders.has(name.toLowerCase())) return value;
  if (name.toLowerCase() === "authorization" && value.startsWith("SDK-HMAC-SHA256 ")) {
    return value.replace(/\b(Access|Signature)=([^,\s]*)/g, (whole, key: string, secret: string) =>
      placeholders.has(secret) ? whole : `${key}=${REDACTED}`,
    );
  }
  return REDACTED;
}

/**
 * Replaces every known secret in text. Last line of defence for anything printed: even if a secret
 * reached an error message or a header the user set, it does not reach the terminal. Values shorter
 * than 4 characters are left alone, since replacing them would mangle ordinary text.
 */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}
