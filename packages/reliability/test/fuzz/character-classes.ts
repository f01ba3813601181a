// Characters grouped by the kind of trouble they cause, so that every generated string can carry
// one of each: ASCII letters of both cases, digits, the punctuation the spec allows and the
// punctuation it does not, whitespace and control characters, and Unicode that is one UTF-16 unit,
// two units (astral), combining, or not a valid scalar at all (a lone surrogate).
import fc from "fast-check";

const chars = (text: string) => fc.constantFrom(...Array.from(text));
const range = (from: number, to: number) =>
  fc.integer({ min: from, max: to }).map((c) => String.fromCodePoint(c));

export const characterClasses = {
  lowercase: chars("abcdefghijklmnopqrstuvwxyz"),
  uppercase: chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
  digit: chars("0123456789"),
  /** Punctuation common in names and tags: `.`, `_`, `-`. */
  namePunctuation: chars("._-"),
  /** The comma that the reference page allows in tags and the spec does not. */
  comma: fc.constant(","),
  otherAsciiPunctuation: chars("!\"#$%&'()*+/:;<=>?@[\\]^`{|}~"),
  whitespace: chars(" \t\n\r\u000b\u000c\u00a0\u2028\u3000"),
  control: range(0, 31),
  delete: fc.constant("\u007f"),
  latin1: range(0xa1, 0xff),
  /** Letters that lower-case or upper-case into ASCII (Kelvin sign, long s, dotless i). */
  caseFolding: chars("\u212a\u017f\u0131\u0130"),
  cjk: range(0x4e00, 0x9fff),
  combiningMark: range(0x300, 0x36f),
  /** Outside the Basic Multilingual Plane: one code point, two UTF-16 units. */
  astral: range(0x1f600, 0x1f64f),
  /** A surrogate without its pair: not a Unicode scalar value, but valid in a JS string and in JSON. */
  loneSurrogate: range(0xd800, 0xdfff),
  zeroWidth: chars("\u200b\u200c\u200d\ufeff"),
} as const;

export type CharacterClass = keyof typeof characterClasses;
export const characterClassNames = Object.keys(characterClasses) as CharacterClass[];

/** One character of any class. */
export const anyCharacter = fc.oneof(...Object.values(characterClasses));
