// What a reader must be able to see next to a field: every constraint the spec puts on it.
import { deref, type JsonObject } from "./spec.js";

export interface Field {
  name: string;
  required: boolean;
  /** Pieces of text the field's row must contain, each naming one constraint. */
  expected: string[];
}

/** The fields of an object schema, with the text of each of their constraints. */
export function fieldsOf(schema: JsonObject): Field[] {
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  return Object.entries(deref(schema.properties)).map(([name, node]) => {
    const field = deref(node);
    return { name, required: required.has(name), expected: [name, ...constraintTexts(field)] };
  });
}

export function constraintTexts(field: JsonObject): string[] {
  const texts: string[] = [];
  const { minLength, maxLength, pattern, format, enum: values } = field;
  if (typeof maxLength === "number") texts.push(String(maxLength));
  // Redoc writes a lone minLength of 1 as "non-empty", any other as a number.
  if (typeof minLength === "number")
    texts.push(minLength === 1 && maxLength === undefined ? "non-empty" : String(minLength));
  if (typeof pattern === "string") texts.push(pattern);
  if (typeof format === "string") texts.push(format);
  if (field.default !== undefined) texts.push(JSON.stringify(field.default));
  if (Array.isArray(values)) texts.push(...values.map((value) => JSON.stringify(value)));
  if (field.items !== undefined) {
    const items = deref(field.items);
    if (Array.isArray(items.enum)) texts.push(...items.enum.map((value) => JSON.stringify(value)));
  }
  return texts;
}
