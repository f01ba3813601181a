// The client's schema checker against Ajv, compiled here from the same spec schemas (JSON Schema
// 2020-12 with ajv-formats, as Prism validates): over a generated corpus they must agree on every
// verdict and on every rule broken. The checker reports one rule less than Ajv in three cases
// only, on purpose: no `pattern` issue next to a `minLength` or `format` issue of the same value,
// and no `enum` issue next to a `type` issue (a number is not one of the strings, obviously).
import { createAjv } from "@notebook-image/spec/reader";
import type { ErrorObject } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  validateCreateImageRequest,
  validateInstanceId,
  validateListImagesQuery,
  validateProjectId,
} from "../src/validation.js";
import {
  deref,
  type Json,
  listImagesQueryParameters,
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
