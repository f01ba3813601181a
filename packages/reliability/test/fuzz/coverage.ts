// What a sample of fuzz cases covers, and what it must cover: so that "every character class,
// boundary lengths, wrong types, missing and extra fields" is checked, not just claimed.
import { instanceIdSchema, requestSchema } from "../support/spec.js";
import type { FuzzCase } from "./arbitraries.js";
import { characterClassNames, classesIn } from "./character-classes.js";

interface StringSchema {
  minLength?: number;
  maxLength?: number;
}

const properties = requestSchema.properties as Record<string, StringSchema>;
const required: string[] = requestSchema.required ?? [];
const idPattern = new RegExp(instanceIdSchema.pattern);
const codePointLength = (s: string) => Array.from(s).length;
// A character Node refuses in a header value once JSON.stringify has run (outside tab, 0x20-0x7E,
// 0x80-0xFF): an unknown field named with one used to kill Prism (stoplightio/prism#1934), which
// quotes the name in its sl-violations header. patches/ fixed it; the fuzz must keep sending it.
const HEADER_REFUSED = /[^\t\x20-\x7e\x80-\xff]/;

/** The features the fuzz must reach, derived from the spec and the character classes. */
export function expectedFeatures(): string[] {
  const features = [
    ...characterClassNames.map((c) => `character class ${c}`),
    "body not an object",
    "unknown field",
    "unknown field named with a character Node refuses in a header",
    "id conforming",
    "id not conforming",
  ];
  for (const [name, schema] of Object.entries(properties)) {
    features.push(`${name}: not a string`);
    if (required.includes(name)) features.push(`${name}: missing`);
    const min = schema.minLength ?? 0;
    if (min > 0) features.push(`${name}: length ${min - 1}`);
    features.push(`${name}: length ${min}`);
    if (schema.maxLength !== undefined) {
      features.push(`${name}: length ${schema.maxLength}`, `${name}: length ${schema.maxLength + 1}`);
    }
  }
  return features;
}

/** The features present in the cases. */
export function coveredFeatures(cases: readonly FuzzCase[]): Set<string> {
  const found = new Set<string>();
  const addClasses = (text: string) => {
    for (const c of classesIn(text)) found.add(`character class ${c}`);
  };
  for (const { instanceId, body } of cases) {
    addClasses(instanceId);
    found.add(idPattern.test(instanceId) ? "id conforming" : "id not conforming");
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      found.add("body not an object");
      continue;
    }
    const record = body as Record<string, unknown>;
    for (const name of required) if (!(name in record)) found.add(`${name}: missing`);
    for (const [key, value] of Object.entries(record)) {
      addClasses(key);
      if (!(key in properties)) {
        found.add("unknown field");
        if (HEADER_REFUSED.test(JSON.stringify(key)))
          found.add("unknown field named with a character Node refuses in a header");
        continue;
      }
      if (typeof value !== "string") {
        found.add(`${key}: not a string`);
        continue;
      }
      addClasses(value);
      found.add(`${key}: length ${codePointLength(value)}`);
    }
  }
  return found;
}
