// Characters grouped by the kind of trouble they cause, so that every generated string can carry
// one of each: ASCII letters of both cases, digits, the punctuation the spec allows and the
// punctuation it does not, whitespace and control characters, and Unicode that is one UTF-16 unit,
// two units (astral), combining, or not a valid scalar at all (a lone surrogate).
import fc from "fast-check";

type Range = readonly [from: number, to: number];

const code = (c: string) => c.codePointAt(0) as number;
/** Each character of the text as a one-character range. */
const each = (text: string): Range[] => Array.from(text, (c) => [code(c), code(c)] as const);

const classRanges = {
  lowercase: [[code("a"), code("z")]],
  uppercase: [[code("A"), code("Z")]],
  digit: [[code("0"), code("9")]],
  /** Punctuation common in names and tags: `.`, `_`, `-`. */
  namePunctuation: each("._-"),
  /** The comma that the reference page allows in tags and the spec does not. */
  comma: each(","),
  otherAsciiPunctuation: each("!\"#$%&'()*+/:;<=>?@[\\]^`{|}~"),
  whitespace: each(" \t\n\r\u000b\u000c\u00a0\u2028\u3000"),
  control: [
    [0, 8],
    [14, 31],
  ],
  delete: [[0x7f, 0x7f]],
  latin1: [[0xa1, 0xff]],
  /** Letters that lower-case or upper-case into ASCII (Kelvin sign, long s, dotless i, dotted I). */
  caseFolding: each("\u212a\u017f\u0131\u0130"),
  cjk: [[0x4e00, 0x9fff]],
  combiningMark: [[0x300, 0x36f]],
  /** Outside the Basic Multilingual Plane: one code point, two UTF-16 units. */
  astral: [[0x1f600, 0x1f64f]],
  /** A surrogate without its pair: not a Unicode scalar value, but valid in a JS string and in JSON. */
  loneSurrogate: [[0xd800, 0xdfff]],
  zeroWidth: each("\u200b\u200c\u200d\ufeff"),
} satisfies Record<string, readonly Range[]>;

export type CharacterClass = keyof typeof classRanges;
export const characterClassNames = Object.keys(classRanges) as CharacterClass[];

const arbitraryOf = (ranges: readonly Range[]) =>
  fc.oneof(...ranges.map(([min, max]) => fc.integer({ min, max }).map((c) => String.fromCodePoint(c))));

/** One character of any class, each class equally likely. */
export const anyCharacter: fc.Arbitrary<string> = fc.oneof(
  ...characterClassNames.map((n) => arbitraryOf(classRanges[n])),
);

/** The classes of the characters in a string (a lone surrogate counts as one; a pair as its code point). */
export function classesIn(text: string): Set<CharacterClass> {
  const found = new Set<CharacterClass>();
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const isPair = unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const cp = isPair ? (text.codePointAt(i) as number) : unit;
    if (isPair) i++;
    for (const name of characterClassNames) {
      if (classRanges[name].some(([min, max]) => cp >= min && cp <= max)) found.add(name);
    }
  }
  return found;
}
