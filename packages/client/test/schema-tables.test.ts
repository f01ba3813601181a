// The generator's schema tables: what it takes from the spec, and what it refuses. A keyword that
// src/schema-check.ts does not check must stop the build, never be dropped in silence.
import { fullFormats } from "ajv-formats/dist/formats.js";
import { describe, expect, it } from "vitest";
import {
  arrayTable,
  CheckerRef,
  numberTable,
  objectTable,
  queryTable,
  stringTable,
  tableToCode,
} from "../scripts/schema-tables.mjs";
import { deref, type Json, listImagesQueryParameters, pathParameterSchema, requestSchema } from "./spec.js";

describe("schema tables from the spec", () => {
  it("keep every field, limit, pattern and hint of the request body, and nothing else", () => {
    const table = objectTable(requestSchema, "CreateImageRequest", deref);
    expect(table.required).toEqual(requestSchema.required);
    expect(table.additionalProperties).toBe(requestSchema.additionalProperties);
    expect(Object.keys(table.properties)).toEqual(Object.keys(requestSchema.properties));
    for (const [field, property] of Object.entries(requestSchema.properties)) {
      const schema: Json = deref(property);
      expect(table.properties[field]).toEqual(
        Object.fromEntries(
          Object.entries({
            type: schema.type,
            minLength: schema.minLength,
            maxLength: schema.maxLength,
            pattern: schema.pattern,
            hint: schema["x-pattern-hint"],
          }).filter(([, v]) => v !== undefined),
        ),
      );
    }
  });

  it("check a format with the same RegExp as Ajv's ajv-formats", () => {
    const table = stringTable(pathParameterSchema("id"), "id");
    expect(table.format).toBe("uuid");
    expect(table.formatPattern).toBe(fullFormats.uuid);
  });

  it("are written as TypeScript with RegExp literals", () => {
    const code = tableToCode({ a: "x", b: [1, 2], c: { d: /^a$/iu } });
    expect(new Function(`return ${code}`)()).toEqual({ a: "x", b: [1, 2], c: { d: /^a$/iu } });
  });
});

describe("query tables", () => {
  it("make each query parameter of ListImage a property, with its type, bounds and enum, and refuse unknown ones", () => {
    const table = queryTable(listImagesQueryParameters, "ListImage query", deref);
    expect(table.additionalProperties).toBe(false);
    expect(Object.keys(table.properties)).toEqual(listImagesQueryParameters.map((p: Json) => p.name));
    expect(table.required).toEqual(
      listImagesQueryParameters.filter((p: Json) => p.required).map((p: Json) => p.name),
    );
    for (const parameter of listImagesQueryParameters) {
      const schema = deref(parameter.schema);
      const property = table.properties[parameter.name] as unknown as Record<string, unknown>;
      for (const rule of ["type", "minimum", "maximum", "enum", "minLength", "maxLength"]) {
        expect(property[rule], `${parameter.name}.${rule}`).toEqual(schema[rule]);
      }
    }
  });
});

describe("tables of lists and open objects", () => {
  it("give a list its bounds, its items' table and the checker that walks them", () => {
    const list = {
      type: "array",
      maxItems: 5,
      items: { type: "object", properties: { n: { type: "integer" } } },
    };
    expect(arrayTable(list, "l")).toEqual({
      type: "array",
      maxItems: 5,
      items: {
        type: "object",
        required: [],
        properties: { n: { type: "integer", refine: new CheckerRef("checkNumber") } },
      },
      refine: new CheckerRef("checkItems"),
    });
  });

  it("leave out `additionalProperties: true`, JSON Schema's default, so that other fields pass", () => {
    expect(objectTable({ type: "object", additionalProperties: true }, "o")).toEqual({
      type: "object",
      required: [],
      properties: {},
    });
  });
});

describe("the generator refuses what the checker cannot check", () => {
  const string = { type: "string" };
  it.each<[string, Json, string]>([
    ["a nullable type", { type: ["string", "null"] }, "strings"],
    ["a const", { ...string, const: "a" }, "strings"],
    ["a list without its items' schema", { type: "array" }, "arrays"],
    ["a list of unique items", { type: "array", items: string, uniqueItems: true }, "arrays"],
    ["a tuple", { type: "array", prefixItems: [string] }, "arrays"],
    ["no type at all", { minLength: 1 }, "strings"],
    ["an exclusive bound", { type: "integer", exclusiveMinimum: 0 }, "numbers"],
    ["a multipleOf", { type: "number", multipleOf: 2 }, "numbers"],
    ["a boolean enum", { type: "boolean", enum: [true] }, "booleans"],
  ])("a field with %s", (_what, field, kind) => {
    expect(() => objectTable({ type: "object", properties: { f: field } }, "Body")).toThrow(
      new RegExp(`Body\\.f: src/schema-check\\.ts checks ${kind} with`),
    );
  });

  it.each<[string, Json]>([
    ["additional properties with a schema", { type: "object", additionalProperties: { type: "string" } }],
    ["minProperties", { type: "object", minProperties: 1 }],
    ["a composition", { type: "object", oneOf: [] }],
  ])("a body with %s", (_what, body) => {
    expect(() => objectTable(body, "Body")).toThrow(/Body: src\/schema-check\.ts checks objects with/);
  });

  it("a list in a nested object, and an item of a list, named by its path", () => {
    const body = {
      type: "object",
      properties: { f: { type: "object", properties: { l: { type: "array" } } } },
    };
    expect(() => objectTable(body, "Body")).toThrow(/Body\.f\.l: src\/schema-check\.ts checks arrays with/);
    const items = { type: "object", properties: { l: { type: "array", items: { ...string, const: "a" } } } };
    expect(() => objectTable(items, "Body")).toThrow(
      /Body\.l\[\]: src\/schema-check\.ts checks strings with/,
    );
  });

  it("an integer format whose range the bounds do not hold", () => {
    const int64 = { type: "integer", format: "int64" };
    expect(() => numberTable(int64, "n")).toThrow(
      /n: format "int64" is checked only on an integer with bounds/,
    );
    expect(() => numberTable({ type: "number", format: "int64", minimum: 0, maximum: 1 }, "n")).toThrow(
      /format "int64"/,
    );
    expect(numberTable({ ...int64, minimum: 0, maximum: 10 }, "n")).toMatchObject({
      minimum: 0,
      maximum: 10,
    });
  });

  it("a pattern without its plain-words hint", () => {
    expect(() => stringTable({ ...string, pattern: "^a$" }, "p")).toThrow(
      /p has a pattern but no x-pattern-hint/,
    );
  });

  it("a format that ajv-formats does not check with a RegExp", () => {
    expect(() => stringTable({ ...string, format: "date-time" }, "d")).toThrow(/format "date-time"/);
    expect(() => stringTable({ ...string, format: "no-such-format" }, "d")).toThrow(
      /format "no-such-format"/,
    );
  });

  it("a field named __proto__", () => {
    const body = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}}}');
    expect(() => objectTable(body, "Body")).toThrow(/__proto__/);
  });

  it("but ignores annotations and x- extensions", () => {
    expect(
      stringTable({ ...string, description: "d", examples: ["e"], default: "x", "x-anything": 1 }, "s"),
    ).toEqual(string);
  });
});
