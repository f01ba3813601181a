// A checker for the small part of JSON Schema that the spec's request schemas use, run on the
// schemas that scripts/generate.mjs derives from spec/dist/openapi.json. It replaces Ajv's
// standalone code, which spelt every check out in full and was most of the bundle's weight.
// The generator refuses a schema with any keyword this file does not know, so nothing in the spec
// can go unchecked; test/schema-check-vs-ajv.test.ts proves the verdicts equal Ajv's.
import { closestMatch } from "./closest-match.js";
import { issue, type ValidationIssue } from "./errors.js";

/** A string schema: the spec's type, lengths, pattern and format. */
export interface StringSchema {
  type: "string";
  minLength?: number;
  maxLength?: number;
  /** Matched with the `u` flag, as JSON Schema requires (and Ajv does). */
  pattern?: string;
  /** The spec's plain-words explanation of `pattern` (its `x-pattern-hint`). */
  hint?: string;
  format?: string;
  /** The expression Ajv checks `format` with (from ajv-formats, at build time). */
  formatPattern?: RegExp;
}

/** An object schema whose properties are string schemas. */
export interface ObjectSchema {
  type: "object";
  required: readonly string[];
  properties: Readonly<Record<string, StringSchema>>;
  additionalProperties?: false;
}

/**
 * Every problem of `value` against `schema`, in Ajv's order (required, unknown fields, then each
 * property), each naming the field and the rule; `path` is the argument's name, "" for a body.
 */
export function check(schema: ObjectSchema | StringSchema, value: unknown, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (at: string, rule: string, text: string) => issues.push(issue(at || "(body)", rule, text));
  const type = typeName(value);

  if (type !== schema.type) {
    add(path, "type", `must be ${/^[aeiou]/.test(schema.type) ? "an" : "a"} ${schema.type} (got ${type})`);
  } else if (schema.type === "object") {
    // Ajv reads properties as `data[name]`, so an own `undefined` counts as missing: so here too.
    const record = value as Record<string, unknown>;
    const at = (key: string) => (path ? `${path}.${key}` : key);
    const fields = Object.keys(schema.properties);
    for (const name of schema.required)
      if (record[name] === undefined) add(at(name), "required", "is required");
    for (const key in record) {
      if (schema.additionalProperties === false && !Object.hasOwn(schema.properties, key)) {
        const suggestion = closestMatch(key, fields, 2);
        add(
          at(key),
          "additionalProperties",
          `is not a known field${suggestion ? ` (did you mean ${suggestion}?)` : ""}; known fields: ${fields.join(", ")}`,
        );
      }
    }
    for (const name of fields) {
      if (record[name] !== undefined) {
        issues.push(...check(schema.properties[name] as StringSchema, record[name], at(name)));
      }
    }
  } else {
    const { minLength = 0, maxLength, pattern, format, formatPattern } = schema;
    const text = value as string;
    // JSON Schema counts code points, not UTF-16 units: an emoji is one character.
    const length = [...text].length;
    if (maxLength !== undefined && length > maxLength)
      add(path, "maxLength", `must be at most ${maxLength} characters (got ${length})`);
    const tooShort = length < minLength;
    if (tooShort) {
      add(
        path,
        "minLength",
        minLength === 1 ? "must not be empty" : `must be at least ${minLength} characters`,
      );
    }
    const badFormat = formatPattern && !formatPattern.test(text);
    // An empty value also breaks its pattern, and a non-UUID both `format` and the stricter
    // `pattern`: only the plainer rule is reported then.
    if (pattern && !tooShort && !badFormat && !new RegExp(pattern, "u").test(text)) {
      add(path, "pattern", `must match pattern ${pattern}${schema.hint ? ` (${schema.hint})` : ""}`);
    }
    if (badFormat) add(path, "format", format === "uuid" ? "must be a UUID" : `must be a valid ${format}`);
  }
  return issues;
}

/** The JSON type of a value, as JSON Schema's `type` names it. */
export const typeName = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
