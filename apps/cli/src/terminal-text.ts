// Text on its way to a terminal or a log. Whatever the CLI prints that it did not write itself (an
// image's name or status message, a notebook's fail reason, an error message: from the server, a
// proxy, or another user who named the image) may hold terminal control characters: ESC starts
// sequences that retitle the terminal (OSC 0), forge links (OSC 8), clear it or move the cursor
// (CSI, also as the one character U+009B); CR overwrites the line; BEL rings. Out.write (output.ts),
// the one place the CLI writes, passes every text through forTerminal(): such a character is shown
// as a visible escape (`\x1b`, `\x0d`) and has no effect.
//
// The CLI's own sequences (colours, the live status line's redraw) must still work: they are
// written with own(), which wraps them in a marker holding a random key of this run. No text from
// outside can know the key, so only marked sequences reach the terminal as they are.
import { randomBytes } from "node:crypto";

/** C0 controls but tab and line feed (which the CLI's own layout uses), DEL, and the C1 controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Each control character of `text` as a visible `\xNN`; everything else as it is. */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

// Private-use characters around the key and the sequence's bytes in hex: nothing printable() changes.
const KEY = randomBytes(12).toString("hex");
const OPEN = `\uE000${KEY}:`;
const CLOSE = "\uE001";
const OWN = new RegExp(`${OPEN}([0-9a-f]*)${CLOSE}`, "g");

/** A control sequence of the CLI's own (`\u001b[31m`), marked to reach the terminal as it is. */
export function own(sequence: string): string {
  return `${OPEN}${Buffer.from(sequence, "utf8").toString("hex")}${CLOSE}`;
}

/** The text as the terminal gets it: control characters from anywhere else shown, own() sequences kept. */
export function forTerminal(text: string): string {
  return printable(text).replace(OWN, (_, hex: string) => Buffer.from(hex, "hex").toString("utf8"));
}

/**
 * The text in pieces, the CLI's own sequences apart from the visible text, for what must know how
 * much room a text takes on screen (the live status line, which must not wrap).
 */
export function pieces(text: string): { own: boolean; text: string }[] {
  return text
    .split(new RegExp(`(${OPEN}[0-9a-f]*${CLOSE})`))
    .filter((piece) => piece !== "")
    .map((piece) => ({ own: piece.startsWith(OPEN), text: piece }));
}

/**
 * `value` as pretty JSON that is exact and still safe on a terminal: JSON.stringify escapes the C0
 * controls in strings but writes DEL and the C1 controls (U+009B is a CSI) as they are; here they
 * are `\u` escapes too, which JSON.parse reads back as the same characters.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
