// Generators of create-image calls for the differential fuzz. Every limit comes from the spec's
// own schemas (patterns through fc.stringMatching, lengths from minLength/maxLength, field names
// from `properties`), so the generator follows the spec when it changes. Most cases start from a
// valid call and break one thing, so that accepted and rejected calls are both common.
import fc from "fast-check";
import { instanceIdSchema, requestSchema } from "../support/spec.js";
import { anyCharacter } from "./character-classes.js";

interface StringSchema {
  type?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  examples?: unknown[];
  default?: unknown;
}

export interface FuzzCase {
  instanceId: string;
  /** What is handed to the client, and JSON-encoded for Prism: any JSON value. */
  body: unknown;
}

/** Strings that match the schema's pattern (when it has one): the starting point of a mutation. */
function conforming(schema: StringSchema): fc.Arbitrary<string> {
  const generated = schema.pattern
    ? fc.stringMatching(new RegExp(schema.pattern))
    : fc.string({ unit: "grapheme", minLength: schema.minLength ?? 0, maxLength: 40 });
  const documented = [...(schema.examples ?? []), schema.default].filter((v) => typeof v === "string");
  return documented.length > 0
    ? fc.oneof({ arbitrary: generated, weight: 3 }, { arbitrary: fc.constantFrom(...documented), weight: 1 })
    : generated;
}

const codePoints = (s: string) => Array.from(s);

/** One small edit of a string: insert, replace or delete a character, change case, add a newline. */
function mutated(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(
      base,
      fc.nat(),
      anyCharacter,
      fc.constantFrom("insert", "replace", "delete", "upper", "lower", "newline"),
    )
    .map(([s, at, c, edit]) => {
      const cps = codePoints(s);
      const i = cps.length === 0 ? 0 : at % (cps.length + 1);
      switch (edit) {
        case "insert":
          cps.splice(i, 0, c);
          break;
        case "replace":
          cps.splice(Math.min(i, Math.max(cps.length - 1, 0)), 1, c);
          break;
        case "delete":
          cps.splice(Math.min(i, Math.max(cps.length - 1, 0)), 1);
          break;
        case "upper":
          return s.toUpperCase();
        case "lower":
          return s.toLowerCase();
        case "newline":
          return `${s}\n`;
      }
      return cps.join("");
    });
}

/**
 * Strings whose length (in code points, as JSON Schema counts) is at a limit or one past it, made
 * of a conforming string repeated, or of one character of any class (an astral character is two
 * UTF-16 units, which catches a validator that counts `.length`).
 */
function atBoundary(schema: StringSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const lengths = [min - 1, min, min + 1];
  if (schema.maxLength !== undefined)
    lengths.push(schema.maxLength - 1, schema.maxLength, schema.maxLength + 1);
  else lengths.push(1000);
  const length = fc.constantFrom(...lengths.filter((n) => n >= 0));
  const filler = fc.oneof(
    conforming(schema).filter((s) => s.length > 0),
    anyCharacter,
    fc.constant("\u{1F600}"),
  );
  return fc.tuple(length, filler).map(([n, fill]) => {
    const cps = codePoints(fill);
    return Array.from({ length: n }, (_, i) => cps[i % cps.length]).join("");
  });
}

const anyString = fc.string({ unit: anyCharacter, maxLength: 40 });

const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

/** Any value for a field: mostly strings near the rules, sometimes not a string at all. */
function fieldValue(schema: StringSchema): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: conforming(schema), weight: 2 },
    { arbitrary: mutated(conforming(schema)), weight: 4 },
    { arbitrary: atBoundary(schema), weight: 3 },
    { arbitrary: anyString, weight: 1 },
    { arbitrary: wrongType, weight: 1 },
  );
}

const properties = requestSchema.properties as Record<string, StringSchema>;
const fieldNames = Object.keys(properties);
const requiredFields = new Set<string>(requestSchema.required ?? []);

/** A body of conforming values: required fields always, optional ones sometimes. */
const conformingEntries: fc.Arbitrary<[string, unknown][]> = fc
  .tuple(
    ...fieldNames.map((name) => {
      const entry = conforming(properties[name] as StringSchema).map((v): [string, unknown] => [name, v]);
      return requiredFields.has(name) ? entry : fc.option(entry, { freq: 2, nil: undefined });
    }),
  )
  .map((entries) => entries.filter((e): e is [string, unknown] => e !== undefined));

/** Keys that are not fields: near-misses of real names, arbitrary text, and prototype names. */
const unknownKey = fc.oneof(
  fc.tuple(fc.constantFrom(...fieldNames), fc.nat()).map(([name, i]) => {
    const edits = [name.toUpperCase(), `${name}s`, name.replace("_", ""), name.replace("_", "-"), `${name} `];
    return edits[i % edits.length] as string;
  }),
  fc.string({ unit: anyCharacter, maxLength: 12 }),
  fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", ""),
);

// Object.fromEntries defines own properties, so a "__proto__" key is a real field (as after
// JSON.parse), not a prototype change.
const toBody = (entries: [string, unknown][]) => Object.fromEntries(entries);

export const requestBody: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: conformingEntries.map(toBody), weight: 3 },
  // One field given any value (present or not).
  {
    arbitrary: fc
      .tuple(conformingEntries, fc.constantFrom(...fieldNames))
      .chain(([entries, name]) =>
        fieldValue(properties[name] as StringSchema).map((value) =>
          toBody([...entries.filter(([k]) => k !== name), [name, value]]),
        ),
      ),
    weight: 6,
  },
  // Every field given any value.
  {
    arbitrary: fc
      .tuple(
        ...fieldNames.map((name) =>
          fc.option(
            fieldValue(properties[name] as StringSchema).map((v): [string, unknown] => [name, v]),
            { freq: 3, nil: undefined },
          ),
        ),
      )
      .map((entries) => toBody(entries.filter((e): e is [string, unknown] => e !== undefined))),
    weight: 2,
  },
  // A required field missing.
  {
    arbitrary: fc
      .tuple(conformingEntries, fc.constantFrom(...requiredFields))
      .map(([entries, name]) => toBody(entries.filter(([k]) => k !== name))),
    weight: 1,
  },
  // An extra field.
  {
    arbitrary: fc
      .tuple(conformingEntries, unknownKey, fc.jsonValue({ maxDepth: 1 }))
      .map(([entries, key, value]) => toBody([...entries, [key, value]])),
    weight: 2,
  },
  // Not an object at all.
  {
    arbitrary: fc.oneof(wrongType, fc.string(), fc.array(conformingEntries.map(toBody), { maxLength: 1 })),
    weight: 1,
  },
);

export const instanceId: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: conforming(instanceIdSchema), weight: 5 },
  { arbitrary: fc.uuid(), weight: 1 },
  { arbitrary: mutated(conforming(instanceIdSchema)), weight: 2 },
  { arbitrary: anyString, weight: 1 },
);

export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.record({ instanceId, body: requestBody });
