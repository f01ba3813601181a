// Is a success body what the contract promises? The required fields are there and every field
// the schema types has that type. Unknown fields are fine (the server adds fields over time);
// values are not held to enums or patterns, so that a new status or a lowercase arch still reads.
import { typeName } from "./schema-check.js";

/** Required fields and the JSON types of typed fields (from the spec, src/generated/response-shapes.ts). */
export interface ResponseShape {
  required: readonly string[];
  types: Readonly<Record<string, readonly string[]>>;
}

/** What is wrong with `body` as this shape, in plain words; empty when nothing is. */
export function shapeProblems(shape: ResponseShape, body: unknown): string[] {
  const type = typeName(body);
  if (type !== "object")
    return [
      `the body is ${body === undefined ? "empty" : `${type === "array" ? "an" : "a"} ${type}`}, not an object`,
    ];
  const record = body as Record<string, unknown>;
  const problems = shape.required
    .filter((name) => record[name] === undefined)
    .map((name) => `${name} is missing`);
  for (const [name, types] of Object.entries(shape.types)) {
    const value = record[name];
    if (value === undefined) continue;
    const actual = typeName(value);
    // JSON has one number type: an integer field takes the numbers without a fraction.
    const fits =
      types.includes(actual) || (actual === "number" && Number.isInteger(value) && types.includes("integer"));
    if (!fits)
      problems.push(
        `${name} is ${actual === "number" && types.includes("integer") ? "a fraction" : `a ${actual}`}, not ${types.join(" or ")}`,
      );
  }
  return problems;
}
