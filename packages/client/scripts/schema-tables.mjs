// Turns the spec's request schemas into the tables that src/schema-check.ts checks values with.
// The checker knows a few JSON Schema keywords only; any other keyword (or an unsupported type,
// format, or a pattern without its plain-words hint) stops the build here, so that no rule of the
// spec can go silently unchecked. test/schema-tables.test.ts shows each refusal.
import { fullFormats } from "ajv-formats/dist/formats.js";

const STRING_KEYWORDS = ["type", "minLength", "maxLength", "pattern", "format", "enum"];
const NUMBER_KEYWORDS = ["type", "minimum", "maximum", "enum"];
const BOOLEAN_KEYWORDS = ["type"];
const OBJECT_KEYWORDS = ["type", "required", "properties", "additionalProperties"];
const ARRAY_KEYWORDS = ["type", "items", "minItems", "maxItems"];
const KINDS = new Map([
  [STRING_KEYWORDS, "strings"],
  [NUMBER_KEYWORDS, "numbers"],
  [BOOLEAN_KEYWORDS, "booleans"],
  [OBJECT_KEYWORDS, "objects"],
  [ARRAY_KEYWORDS, "arrays"],
]);
/** Keywords that validate nothing (and `x-` extensions): left out of the tables. */
const ANNOTATIONS = ["description", "title", "examples", "example", "default", "deprecated", "$comment"];

const validationOnly = (schema) =>
  Object.fromEntries(Object.entries(schema).filter(([k]) => !ANNOTATIONS.includes(k) && !k.startsWith("x-")));

/**
 * A function of src/schema-check.ts that a table refers to (written as its bare name): the checks
 * only some schemas need, so that a bundle keeps them only with the tables that need them.
 */
export class CheckerRef {
  /** @param {"checkNumber" | "checkEnum" | "checkItems"} name */
  constructor(name) {
    this.name = name;
  }
}

function refuse(where, rules, keywords) {
  return new Error(
    `${where}: src/schema-check.ts checks ${KINDS.get(keywords)} with ` +
      `${keywords.join(", ")} only, and the spec has ${JSON.stringify(rules)}: extend the checker, ` +
      "scripts/schema-tables.mjs and their tests first",
  );
}

/**
 * A string schema as a table: its rules, its pattern's hint (the spec's `x-pattern-hint`), and the
 * RegExp that Ajv with ajv-formats (and so Prism) checks its `format` with.
 * @param {(node: object) => object} deref follows a `$ref` of the spec
 */
export function stringTable(schema, where, deref = (node) => node) {
  const full = deref(schema);
  const rules = validationOnly(full);
  if (rules.type !== "string" || Object.keys(rules).some((k) => !STRING_KEYWORDS.includes(k))) {
    throw refuse(where, rules, STRING_KEYWORDS);
  }
  const table = { ...rules };
  if (rules.pattern !== undefined) {
    // A regular expression alone is a poor error message: every pattern must come with its hint.
    if (typeof full["x-pattern-hint"] !== "string") {
      throw new Error(`${where} has a pattern but no x-pattern-hint: add one to the spec`);
    }
    table.hint = full["x-pattern-hint"];
  }
  if (rules.format !== undefined) {
    const expression = fullFormats[rules.format];
    if (!(expression instanceof RegExp))
      throw new Error(`${where}: format "${rules.format}" is not supported`);
    table.formatPattern = expression;
  }
  if (rules.enum !== undefined) table.refine = new CheckerRef("checkEnum");
  return table;
}

/** The integer formats of ajv-formats: a range, which the schema's own bounds must lie within. */
const INTEGER_RANGES = { int32: 2 ** 31, int64: 2 ** 63 };

/** A number (`integer` or `number`) schema as a table: bounds and enum. */
export function numberTable(schema, where, deref = (node) => node) {
  const { format, ...rules } = validationOnly(deref(schema));
  // `format: int64` adds nothing to an integer whose bounds lie inside its range: the bounds say it all.
  const range = INTEGER_RANGES[format];
  if (format !== undefined) {
    const within = (n) => typeof n === "number" && Math.abs(n) < range;
    if (rules.type !== "integer" || !within(rules.minimum) || !within(rules.maximum)) {
      throw new Error(
        `${where}: format "${format}" is checked only on an integer with bounds inside its range`,
      );
    }
  }
  if (
    !["integer", "number"].includes(rules.type) ||
    Object.keys(rules).some((k) => !NUMBER_KEYWORDS.includes(k))
  ) {
    throw refuse(where, rules, NUMBER_KEYWORDS);
  }
  return { ...rules, refine: new CheckerRef("checkNumber") };
}

/** A boolean schema as a table. */
export function booleanTable(schema, where, deref = (node) => node) {
  const rules = validationOnly(deref(schema));
  if (rules.type !== "boolean" || Object.keys(rules).length !== 1)
    throw refuse(where, rules, BOOLEAN_KEYWORDS);
  return rules;
}

/** A property's schema as a table, by its type (a string when it names none). */
export function valueTable(schema, where, deref = (node) => node) {
  const type = deref(schema)?.type;
  if (type === "integer" || type === "number") return numberTable(schema, where, deref);
  if (type === "boolean") return booleanTable(schema, where, deref);
  // An object of such values (a notebook's `volume`): check() descends into it as it does the body.
  if (type === "object") return objectTable(schema, where, deref);
  // A list of such values (a notebook's `endpoints`): checkItems checks each item in turn.
  if (type === "array") return arrayTable(schema, where, deref);
  return stringTable(schema, where, deref);
}

/** An array schema as a table: its length bounds and the table of its items (one schema for all). */
export function arrayTable(schema, where, deref = (node) => node) {
  const rules = validationOnly(deref(schema));
  if (
    rules.type !== "array" ||
    Object.keys(rules).some((k) => !ARRAY_KEYWORDS.includes(k)) ||
    rules.items === undefined
  ) {
    throw refuse(where, rules, ARRAY_KEYWORDS);
  }
  return {
    ...rules,
    items: valueTable(rules.items, `${where}[]`, deref),
    refine: new CheckerRef("checkItems"),
  };
}

/**
 * The query parameters of an operation as one object table: each parameter a property, those the
 * spec requires required, and no unknown parameter allowed (a misspelt filter would be ignored).
 * @param {object[]} parameters the operation's parameters, dereferenced
 */
export function queryTable(parameters, where, deref = (node) => node) {
  const query = parameters.filter((p) => p.in === "query");
  return objectTable(
    {
      type: "object",
      required: query.filter((p) => p.required).map((p) => p.name),
      properties: Object.fromEntries(query.map((p) => [p.name, p.schema])),
      additionalProperties: false,
    },
    where,
    deref,
  );
}

/** An object schema whose properties are string, number, boolean, array or such object schemas, as a table. */
export function objectTable(schema, where, deref = (node) => node) {
  const rules = validationOnly(deref(schema));
  if (
    rules.type !== "object" ||
    Object.keys(rules).some((k) => !OBJECT_KEYWORDS.includes(k)) ||
    ![undefined, false, true].includes(rules.additionalProperties)
  ) {
    throw refuse(where, rules, OBJECT_KEYWORDS);
  }
  // `additionalProperties: true` is JSON Schema's default (other fields allowed): the table leaves it out.
  if (rules.additionalProperties === true) delete rules.additionalProperties;
  const properties = {};
  for (const [field, property] of Object.entries(rules.properties ?? {})) {
    // In an object literal, a "__proto__" key would set the prototype instead of adding a field.
    if (field === "__proto__") throw new Error(`${where}: a field named __proto__ is not supported`);
    properties[field] = valueTable(property, `${where}.${field}`, deref);
  }
  return { ...rules, required: rules.required ?? [], properties };
}

/** A table as TypeScript source: JSON, with RegExp literals and checkers' names. */
export function tableToCode(value, indent = "") {
  if (value instanceof RegExp) return String(value);
  if (value instanceof CheckerRef) return value.name;
  if (!value || typeof value !== "object" || Array.isArray(value)) return JSON.stringify(value);
  const inner = `${indent}  `;
  const entries = Object.entries(value).map(
    ([k, v]) => `${inner}${JSON.stringify(k)}: ${tableToCode(v, inner)}`,
  );
  return `{\n${entries.join(",\n")}\n${indent}}`;
}

const JSON_TYPES = ["string", "integer", "number", "boolean", "object", "array", "null"];

/**
 * What a success body must at least be: its required fields and the JSON type(s) of each property
 * that declares one (src/response-shape.ts checks bodies with it). Unknown fields stay allowed.
 */
export function shapeTable(schema, where, deref = (node) => node) {
  const full = deref(schema);
  if (full?.type !== "object") throw new Error(`${where}: a response shape must be an object schema`);
  const types = {};
  for (const [field, property] of Object.entries(full.properties ?? {})) {
    if (field === "__proto__") throw new Error(`${where}: a field named __proto__ is not supported`);
    const type = deref(property)?.type;
    if (type === undefined) continue;
    const list = Array.isArray(type) ? type : [type];
    const unknown = list.filter((t) => !JSON_TYPES.includes(t));
    if (unknown.length > 0) throw new Error(`${where}.${field}: unknown type ${unknown.join(", ")}`);
    types[field] = list;
  }
  return { required: full.required ?? [], types };
}

/** The spec's one-line definition of a field: its `**Definition**:` sentence, else its first paragraph. */
function summaryOf(description = "") {
  const definition = /\*\*Definition\*\*:\s*([\s\S]*?)(\n\s*\n|$)/.exec(description);
  return (definition?.[1] ?? description.split(/\n\s*\n/)[0] ?? "").replace(/\s+/g, " ").trim();
}

/** Rules that describe a field's values, copied as they are into its metadata. */
const FIELD_RULES = [
  "type",
  "format",
  "enum",
  "default",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
];

/** One field's metadata: name, required, rules, description (Markdown), summary, an example. */
export function fieldOf(name, schema, required, description, deref = (node) => node) {
  // A parameter's schema may be a $ref with siblings (a default beside it): the siblings count too.
  const siblings = Object.fromEntries(Object.entries(schema ?? {}).filter(([key]) => key !== "$ref"));
  const full = { ...(deref(schema) ?? {}), ...siblings };
  const info = { name, required, description: description ?? full.description ?? "" };
  info.summary = summaryOf(info.description);
  for (const rule of FIELD_RULES) if (full[rule] !== undefined) info[rule] = full[rule];
  if (typeof full["x-pattern-hint"] === "string") info.patternHint = full["x-pattern-hint"];
  const example = full.examples?.[0] ?? full.example;
  if (example !== undefined) info.example = example;
  return info;
}

/** The metadata of each property of an object schema, in the spec's order. */
export function fieldInfo(schema, deref = (node) => node) {
  const full = deref(schema);
  const required = new Set(full.required ?? []);
  return Object.entries(full.properties ?? {}).map(([name, property]) =>
    fieldOf(name, property, required.has(name), deref(property)?.description, deref),
  );
}
