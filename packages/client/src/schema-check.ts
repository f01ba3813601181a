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
  enum?: readonly string[];
  /** checkEnum, on a table with an `enum` (the generator adds it). */
  refine?: Refine<StringSchema, string>;
}

/** A number schema: `integer` (no fraction) or `number`, with inclusive bounds and an enum. */
export interface NumberSchema {
  type: "integer" | "number";
  minimum?: number;
  maximum?: number;
  enum?: readonly number[];
  /** checkNumber (the generator adds it). */
  refine: Refine<NumberSchema, number>;
}

export interface BooleanSchema {
  type: "boolean";
  refine?: undefined;
}

/** Adds a problem at a path, naming the rule it breaks. */
type AddIssue = (at: string, rule: string, text: string) => void;

/**
 * The checks of a value already of its schema's type that only some schemas need: a table refers
 * to the one it needs, so that a bundle whose tables need none leaves it out. `issues` is where
 * check() collects every problem (a list's items add theirs there).
 */
export type Refine<Schema, Value> = (
  schema: Schema,
  value: Value,
  path: string,
  add: AddIssue,
  issues: ValidationIssue[],
) => void;

/** What a property (or a query parameter) can be: an object or a list of such values too. */
export type ValueSchema = StringSchema | NumberSchema | BooleanSchema | ObjectSchema | ArraySchema;

/** An object schema whose properties are value schemas; other fields are allowed unless `additionalProperties` is false. */
export interface ObjectSchema {
  type: "object";
  required: readonly string[];
  properties: Readonly<Record<string, ValueSchema>>;
  additionalProperties?: false;
}

/** A list whose items all meet one value schema, with inclusive bounds on its length. */
export interface ArraySchema {
  type: "array";
  items: ValueSchema;
  minItems?: number;
  maxItems?: number;
  /** checkItems (the generator adds it): a bundle whose tables have no list (the save's) leaves it out. */
  refine: Refine<ArraySchema, readonly unknown[]>;
}

/**
 * Every problem of `value` against `schema`, in Ajv's order (required, unknown fields, then each
 * property), each naming the field and the rule; `path` is the argument's name, "" for a body.
 */
export function check(
  schema: ObjectSchema | ValueSchema,
  value: unknown,
  path: string,
  issues: ValidationIssue[] = [],
): ValidationIssue[] {
  const add: AddIssue = (at, rule, text) => issues.push(issue(at || "(body)", rule, text));
  // JSON has one number type: an integer is a number without a fraction. A fraction given for an
  // integer breaks `type`, and is still held to the bounds (as Ajv does).
  const numeric = (schema.type === "integer" || schema.type === "number") && typeof value === "number";
  const type = numeric ? schema.type : typeName(value);

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
      if (record[name] !== undefined)
        check(schema.properties[name] as ValueSchema, record[name], at(name), issues);
    }
  } else {
    if (schema.type === "string") checkString(schema, value as string, path, add);
    // Bounds, enums, a list's items: each table refers to the checks it needs (a boolean has none).
    (schema.refine as Refine<ValueSchema, unknown> | undefined)?.(schema, value, path, add, issues);
  }
  return issues;
}

/** The lengths, pattern and format of a string. */
function checkString(schema: StringSchema, text: string, path: string, add: AddIssue) {
  const { minLength = 0, maxLength, pattern, format, formatPattern, hint } = schema;
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
    add(path, "pattern", `must match pattern ${pattern}${hint ? ` (${hint})` : ""}`);
  }
  if (badFormat) add(path, "format", format === "uuid" ? "must be a UUID" : `must be a valid ${format}`);
}

/** The bounds and the enum of a number (the fraction of an integer too). */
export const checkNumber: Refine<NumberSchema, number> = (schema, number, path, add) => {
  if (schema.type === "integer" && !Number.isInteger(number))
    add(path, "type", `must be an integer (got ${number})`);
  if (schema.minimum !== undefined && number < schema.minimum)
    add(path, "minimum", `must be at least ${schema.minimum} (got ${number})`);
  if (schema.maximum !== undefined && number > schema.maximum)
    add(path, "maximum", `must be at most ${schema.maximum} (got ${number})`);
  if (schema.enum && !schema.enum.includes(number))
    add(path, "enum", `must be one of ${schema.enum.join(", ")} (got ${number})`);
};

/** The enum of a string, with the value meant when it is a near miss. */
export const checkEnum: Refine<StringSchema, string> = (schema, text, path, add) => {
  const values = schema.enum as readonly string[];
  if (!values.includes(text)) {
    // Enums here are upper case (DEDICATED, ASC): a value in the wrong case is the likely slip.
    const meant = values.find((e) => e.toLowerCase() === text.toLowerCase()) ?? closestMatch(text, values, 2);
    add(
      path,
      "enum",
      `must be one of ${values.join(", ")} (got ${JSON.stringify(text)})${meant ? `; did you mean ${meant}?` : ""}`,
    );
  }
};

/** The length of a list and each of its items, named by its index: `endpoints[0].service`. */
export const checkItems: Refine<ArraySchema, readonly unknown[]> = (schema, list, path, add, issues) => {
  if (schema.minItems !== undefined && list.length < schema.minItems)
    add(path, "minItems", `must have at least ${schema.minItems} items (got ${list.length})`);
  if (schema.maxItems !== undefined && list.length > schema.maxItems)
    add(path, "maxItems", `must have at most ${schema.maxItems} items (got ${list.length})`);
  list.forEach((item, index) => {
    check(schema.items, item, `${path}[${index}]`, issues);
  });
};

/** The JSON type of a value, as JSON Schema's `type` names it. */
export const typeName = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
