// The field metadata the CLI and the web page build their flags and form from: the spec's own
// fields, rules and descriptions, in the spec's order.
import { describe, expect, it } from "vitest";
import { CREATE_IMAGE_FIELDS } from "../src/index.js";
import { deref, requestSchema } from "./spec.js";

describe("CREATE_IMAGE_FIELDS", () => {
  it("lists the body's fields in the spec's order, with required as the spec says", () => {
    expect(CREATE_IMAGE_FIELDS.map((f) => f.name)).toEqual(Object.keys(requestSchema.properties));
    expect(CREATE_IMAGE_FIELDS.filter((f) => f.required).map((f) => f.name)).toEqual(requestSchema.required);
  });

  it.each(Object.entries(requestSchema.properties))(
    "%s carries the spec's rules and description",
    (name, property) => {
      const schema = deref(property);
      const field = CREATE_IMAGE_FIELDS.find((f) => f.name === name);
      for (const rule of ["type", "minLength", "maxLength", "pattern", "default", "enum", "format"]) {
        expect(field?.[rule as keyof typeof field]).toEqual(schema[rule]);
      }
      expect(field?.patternHint).toEqual(schema["x-pattern-hint"]);
      expect(field?.description).toBe(schema.description ?? "");
      expect(field?.summary).not.toMatch(/\n|\*\*/);
      expect(schema.description ?? "").toContain(field?.summary.split(" ").slice(0, 3).join(" ") ?? "");
    },
  );
});
