// The generator's schema tables: what it takes from the spec, and what it refuses. A keyword that
// src/schema-check.ts does not check must stop the build, never be dropped in silence.
import { fullFormats } from "ajv-formats/dist/formats.js";
import { describe, expect, it } from "vitest";
import { objectTable, stringTable, tableToCode } from "../scripts/schema-tables.mjs";
import { deref, type Json, pathParameterSchema, requestSchema } from "./spec.js";

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

describe("the generator refuses what the checker cannot check", () => {
  const string = { type: "string" };
  it.each<[string, Json]>([
    ["an enum", { ...string, enum: ["a"] }],
    ["an integer", { type: "integer", minimum: 0 }],
    ["a nullable type", { type: ["string", "null"] }],
    ["a const", { ...string, const: "a" }],
    ["a nested object", { type: "object", properties: {} }],
    ["no type at all", { minLength: 1 }],
  ])("a field with %s", (_what, field) => {
    expect(() => objectTable({ type: "object", properties: { f: field } }, "Body")).toThrow(
      /Body\.f: src\/schema-check\.ts checks strings with type, minLength, maxLength, pattern, format only/,
    );
  });

  it.each<[string, Json]>([
    ["additional properties with a schema", { type: "object", additionalProperties: { type: "string" } }],
    ["minProperties", { type: "object", minProperties: 1 }],
    ["a composition", { type: "object", oneOf: [] }],
  ])("a body with %s", (_what, body) => {
    expect(() => objectTable(body, "Body")).toThrow(/Body: src\/schema-check\.ts checks objects with/);
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
