// The client's schema checker against Ajv, compiled here from the same spec schemas (JSON Schema
// 2020-12 with ajv-formats, as Prism validates): over a generated corpus they must agree on every
// verdict and on every rule broken. The checker reports one rule less than Ajv in four cases
// only, on purpose: no `pattern` issue next to a `minLength` or `format` issue of the same value,
// no `enum` issue next to a `type` issue (a number is not one of the strings, obviously), and no
// `int64` format issue next to the `type` issue of a fraction.
import { createAjv } from "@notebook-image/spec/reader";
import { createSpecAjv } from "@notebook-image/spec/testing";
import type { ErrorObject } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  validateCreateImageRequest,
  validateCreateNotebookRequest,
  validateInstanceId,
  validateLeaseRequest,
  validateListImagesQuery,
  validateProjectId,
  validateUpdateNotebookRequest,
} from "../src/validation.js";
import {
  deref,
  type Json,
  listImagesQueryParameters,
  operationById,
  pathParameterSchema,
  requestSchema,
  spec,
} from "./spec.js";

// The spec's one Ajv set-up: 2020-12 with ajv-formats (as Prism validates), all errors, strict mode
// knowing the spec's annotations (x-pattern-hint, example).
const ajv = createAjv([spec]);
const ajvBody = ajv.compile(requestSchema);
const ajvProjectId = ajv.compile(pathParameterSchema("project_id"));
const ajvInstanceId = ajv.compile(pathParameterSchema("id"));

/** Ajv's errors as `path/rule`, named as the client names them. */
function ajvRules(errors: ErrorObject[] | null | undefined, name: string): string[] {
  const rules = (errors ?? []).map((e) => {
    // A field's issue is named by the field ("" names the body, as an empty field name does).
    const field = e.params.missingProperty ?? e.params.additionalProperty ?? e.instancePath.slice(1);
    return `${field || name}/${e.keyword}`;
  });
  const plainer = (r: string) =>
    (r.endsWith("/pattern") &&
      (rules.includes(r.replace(/pattern$/, "minLength")) ||
        rules.includes(r.replace(/pattern$/, "format")))) ||
    (r.endsWith("/enum") && rules.includes(r.replace(/enum$/, "type")));
  return rules.filter((r) => !plainer(r)).sort();
}

const clientRules = (issues: { path: string; rule: string }[]) =>
  issues.map((i) => `${i.path}/${i.rule}`).sort();

// Characters of every kind that matters to the spec's patterns and lengths: allowed and refused
// ASCII, case-folding letters (which the `u` and `i` flags treat specially), astral characters
// (two UTF-16 units, one code point), lone surrogates, combining marks, line terminators.
const unit = fc.oneof(
  fc.constantFrom(..."az09AZfF-_.,:/ \t\n\r\u2028"),
  fc.constantFrom("\u212a", "\u017f", "\u0131", "\u0130", "é", "\u0301", "\u00a0", "\u200b"),
  fc.constantFrom("\u{1F600}", "\u{10FFFF}", "\ud800", "\udfff", "\u4e2d"),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
);

function stringsFor(schema: Json): fc.Arbitrary<string> {
  const lengths = [0, 1, 2, 31, 32, 33, 35, 36, 37];
  for (const limit of [schema.minLength, schema.maxLength])
    if (limit !== undefined) lengths.push(limit - 1, limit, limit + 1);
  return fc.oneof(
    schema.pattern ? fc.stringMatching(new RegExp(schema.pattern)) : fc.string(),
    fc.string({ unit, maxLength: 12 }),
    // One character repeated to a boundary length (an astral one counts once).
    fc.tuple(fc.constantFrom(...lengths.filter((n) => n >= 0)), unit).map(([n, c]) => c.repeat(n)),
    // A conforming value with one character changed.
    fc
      .tuple(schema.pattern ? fc.stringMatching(new RegExp(schema.pattern)) : fc.string(), fc.nat(), unit)
      .map(([s, at, c]) => s.slice(0, at % (s.length + 1)) + c + s.slice((at % (s.length + 1)) + 1)),
  );
}

const notAString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.object({ maxDepth: 1 }),
);

/** Values that meet the schema, most of the time. */
function conforming(schema: Json): fc.Arbitrary<string> {
  const base = schema.pattern ? fc.stringMatching(new RegExp(schema.pattern)) : fc.string({ maxLength: 40 });
  return base.filter((s) => [...s].length >= (schema.minLength ?? 0));
}

const fieldNames = Object.keys(requestSchema.properties);
const required = new Set<string>(requestSchema.required);
/** Each field absent, conforming, near a rule, or not a string; sometimes one unknown field. */
const bodies: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fc.tuple(
          ...fieldNames.map((name) => {
            const schema = deref(requestSchema.properties[name]);
            const value = fc.oneof(
              { arbitrary: conforming(schema), weight: 12 },
              { arbitrary: stringsFor(schema), weight: 2 },
              { arbitrary: notAString, weight: 1 },
            );
            // fast-check's `freq`: the field is absent once in `freq` times.
            return fc.option(value, { nil: undefined, freq: required.has(name) ? 30 : 2 });
          }),
        ),
        fc.oneof(
          { arbitrary: fc.constant(undefined), weight: 6 },
          {
            arbitrary: fc.tuple(
              fc.oneof(
                fc.string({ maxLength: 14 }),
                fc.constantFrom("__proto__", "constructor", "toString", "Name", "worksapce_id"),
              ),
              fc.jsonValue({ maxDepth: 1 }),
            ),
            weight: 1,
          },
        ),
      )
      .map(([values, extra]) => {
        const entries: [string, unknown][] = fieldNames.flatMap((name, i) =>
          values[i] === undefined ? [] : [[name, values[i]]],
        );
        // Object.fromEntries makes "__proto__" an own field, as JSON.parse does.
        return Object.fromEntries(extra ? [...entries, extra] : entries);
      }),
  },
  { weight: 1, arbitrary: fc.oneof(notAString, fc.string()) },
);

const RUNS = 3_000;

describe("the schema checker agrees with Ajv on the spec's schemas", () => {
  it(`on ${RUNS} request bodies`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(bodies, (body) => {
        const valid = ajvBody(body);
        const issues = validateCreateImageRequest(body);
        expect(issues.length === 0).toBe(valid);
        expect(clientRules(issues)).toEqual(ajvRules(ajvBody.errors, "(body)"));
        if (valid) accepted++;
      }),
      { seed: 20_240_612, numRuns: RUNS },
    );
    // Agreement only means something if both verdicts are common.
    expect(accepted).toBeGreaterThan(RUNS * 0.1);
    expect(accepted).toBeLessThan(RUNS * 0.9);
  });

  it.each([
    ["project_id", "projectId", validateProjectId, ajvProjectId],
    ["id", "instanceId", validateInstanceId, ajvInstanceId],
  ] as const)(`on ${RUNS} values of the path parameter %s`, (parameter, name, validate, ajvValidate) => {
    const schema = pathParameterSchema(parameter);
    const values = fc.oneof(
      { arbitrary: stringsFor(schema), weight: 6 },
      { arbitrary: fc.uuid().map((u) => `urn:uuid:${u}`), weight: 1 },
      { arbitrary: fc.uuid().map((u) => u.toUpperCase()), weight: 1 },
      { arbitrary: notAString, weight: 1 },
    );
    let accepted = 0;
    fc.assert(
      fc.property(values, (value) => {
        const valid = ajvValidate(value);
        const issues = validate(value);
        expect(issues.length === 0).toBe(valid);
        expect(clientRules(issues)).toEqual(ajvRules(ajvValidate.errors, name));
        if (valid) accepted++;
      }),
      { seed: 20_240_613, numRuns: RUNS },
    );
    expect(accepted).toBeGreaterThan(RUNS * 0.1);
    expect(accepted).toBeLessThan(RUNS * 0.9);
  });
});

/** ListImage's query as one JSON Schema: each parameter's own schema, no unknown parameter. */
const querySchema = {
  type: "object",
  properties: Object.fromEntries(listImagesQueryParameters.map((p: Json) => [p.name, deref(p.schema)])),
  required: listImagesQueryParameters.filter((p: Json) => p.required).map((p: Json) => p.name),
  additionalProperties: false,
};
const ajvQuery = ajv.compile(querySchema);

/** A value for a parameter: conforming most of the time, else near a bound, of another type, or another case. */
function parameterValues(schema: Json): fc.Arbitrary<unknown> {
  if (schema.type === "integer") {
    const bounds = [schema.minimum, schema.maximum]
      .filter((b) => b !== undefined)
      .flatMap((b: number) => [b - 1, b, b + 1]);
    return fc.oneof(
      { arbitrary: fc.integer({ min: schema.minimum ?? -5, max: (schema.minimum ?? 0) + 500 }), weight: 30 },
      { arbitrary: fc.constantFrom(...bounds, 0.5, -0, Number.MAX_SAFE_INTEGER + 2), weight: 2 },
      { arbitrary: fc.constantFrom("10", true, null), weight: 1 },
    );
  }
  if (schema.type === "boolean") {
    return fc.oneof(
      { arbitrary: fc.boolean(), weight: 8 },
      { arbitrary: fc.constantFrom("true", 0, 1, null), weight: 1 },
    );
  }
  if (schema.enum) {
    return fc.oneof(
      { arbitrary: fc.constantFrom(...schema.enum), weight: 30 },
      { arbitrary: fc.constantFrom(...schema.enum.map((e: string) => e.toLowerCase()), "", 1), weight: 2 },
    );
  }
  return fc.oneof(
    { arbitrary: conforming(schema), weight: 8 },
    { arbitrary: stringsFor(schema), weight: 1 },
    { arbitrary: notAString, weight: 1 },
  );
}

const queries: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.tuple(
      ...listImagesQueryParameters.map((p: Json) =>
        fc.option(parameterValues(deref(p.schema)), { nil: undefined, freq: 2 }),
      ),
    ),
    fc.option(
      fc.tuple(fc.constantFrom("nmae", "limits", "__proto__", "Type"), fc.jsonValue({ maxDepth: 0 })),
      { nil: undefined, freq: 6 },
    ),
  )
  .map(([values, extra]) => {
    const entries: [string, unknown][] = listImagesQueryParameters.flatMap((p: Json, i: number) =>
      values[i] === undefined ? [] : [[p.name, values[i]]],
    );
    return Object.fromEntries(extra ? [...entries, extra] : entries);
  });

describe("the schema checker agrees with Ajv on ListImage's query parameters", () => {
  it(`on ${RUNS} queries (integers and bounds, booleans, enums, unknown parameters)`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(queries, (query) => {
        const valid = ajvQuery(query);
        const issues = validateListImagesQuery(query).map((i) => ({
          ...i,
          path: i.path.replace(/^query\.?/, ""),
        }));
        expect(issues.length === 0).toBe(valid);
        expect(clientRules(issues)).toEqual(ajvRules(ajvQuery.errors, ""));
        if (valid) accepted++;
      }),
      { seed: 20_251_201, numRuns: RUNS },
    );
    expect(accepted).toBeGreaterThan(RUNS * 0.1);
    expect(accepted).toBeLessThan(RUNS * 0.9);
  });
});

// The notebook bodies nest objects, lists of objects and open objects (custom_spec, affinity): each
// body of the corpus is one of the spec's examples with one field, anywhere down the schema (a list
// through its first item), given a value near its rules or of another JSON type.

/** A JSON pointer (Ajv's instancePath) as the client names a path: `/endpoints/0/service` → `endpoints[0].service`. */
const pathOfPointer = (pointer: string) =>
  pointer
    .split("/")
    .slice(1)
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), "");

/** Ajv's errors as `path/rule`, a missing or unknown field named by its own path, less the plainer rules. */
function nestedAjvRules(errors: ErrorObject[] | null | undefined, name: string): string[] {
  const rules = (errors ?? []).map((e) => {
    const at = pathOfPointer(e.instancePath);
    const field = e.params.missingProperty ?? e.params.additionalProperty;
    const path = field === undefined ? at : at === "" ? field : `${at}.${field}`;
    return `${path || name}/${e.keyword}`;
  });
  const plainer = (r: string) =>
    (r.endsWith("/pattern") &&
      (rules.includes(r.replace(/pattern$/, "minLength")) ||
        rules.includes(r.replace(/pattern$/, "format")))) ||
    (r.endsWith("/enum") && rules.includes(r.replace(/enum$/, "type"))) ||
    // An int64 field given a fraction: Ajv's format says what `type` said (the checker's tables
    // leave an integer format out, its bounds being inside the format's range).
    (r.endsWith("/format") && rules.includes(r.replace(/format$/, "type")));
  return rules.filter((r) => !plainer(r)).sort();
}

/** Each place of a body schema a value can go, as keys from the body down (a list's first item: 0). */
function placesOf(schema: Json, at: (string | number)[] = []): [(string | number)[], Json][] {
  const full = deref(schema);
  const here: [(string | number)[], Json][] = at.length > 0 ? [[at, full]] : [];
  if (full.type === "array") return [...here, ...placesOf(full.items, [...at, 0])];
  const inner = Object.entries(full.properties ?? {}).flatMap(([name, property]) =>
    placesOf(property, [...at, name]),
  );
  return [...here, ...inner];
}

/** A copy of `body` with `value` at `keys`, the objects and lists on the way made when missing. */
function withValue(body: Json, keys: (string | number)[], value: unknown): Json {
  const [key, ...rest] = keys as [string | number, ...(string | number)[]];
  const copy = Array.isArray(body) ? [...body] : { ...body };
  const next = copy[key] ?? (typeof rest[0] === "number" ? [] : {});
  copy[key] =
    rest.length === 0 ? value : withValue(typeof next === "object" && next ? next : {}, rest, value);
  return copy;
}

/** A value for a place: near its rules most of the time, else any JSON value (another type, an object). */
function valuesFor(schema: Json): fc.Arbitrary<unknown> {
  const json = fc.jsonValue({ maxDepth: 2 });
  if (schema.type === "object" || schema.type === "array") return json;
  return fc.oneof({ arbitrary: parameterValues(schema), weight: 4 }, { arbitrary: json, weight: 1 });
}

describe.each([
  ["CreateNotebook", "CreateNotebookRequest", validateCreateNotebookRequest, ""],
  ["UpdateNotebook", "UpdateNotebookRequest", validateUpdateNotebookRequest, ""],
  ["RenewLease", "NotebookLeaseRequest", validateLeaseRequest, "lease"],
] as const)("the schema checker agrees with Ajv on %s bodies", (operationId, schemaName, validate, name) => {
  const { operation } = operationById(operationId);
  const examples: Json[] = Object.values(operation.requestBody.content["application/json"].examples).map(
    (example) => deref(example).value,
  );
  const schema = spec.components.schemas[schemaName];
  const ajvNotebookBody = createSpecAjv(spec).validator(`#/components/schemas/${schemaName}`);
  const places = placesOf(schema);
  const bodies = fc
    .tuple(fc.constantFrom(...examples), fc.constantFrom(...places))
    .chain(([example, [keys, place]]) => valuesFor(place).map((value) => withValue(example, keys, value)));
  const runs = 1_000;

  it(`on ${runs} bodies, each an example with one field changed (${places.length} places)`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(bodies, (body) => {
        const valid = ajvNotebookBody(body);
        const issues = validate(body).map((i) => ({
          ...i,
          // RenewLease's issues are named `lease.<field>`; Ajv's from the body.
          path: name ? i.path.replace(new RegExp(`^${name}\\.?`), "") || name : i.path,
        }));
        expect(issues.length === 0).toBe(valid);
        expect(clientRules(issues)).toEqual(nestedAjvRules(ajvNotebookBody.errors, name || "(body)"));
        if (valid) accepted++;
      }),
      { seed: 20_261_207, numRuns: runs },
    );
    expect(accepted).toBeGreaterThan(runs * 0.05);
    expect(accepted).toBeLessThan(runs * 0.95);
  });
});
