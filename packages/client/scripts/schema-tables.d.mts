// Types of scripts/schema-tables.mjs, for the tests that import it.
import type {
  ArraySchema,
  BooleanSchema,
  NumberSchema,
  ObjectSchema,
  StringSchema,
  ValueSchema,
} from "../src/schema-check.js";

type Deref = (node: object) => object;
export function stringTable(schema: object, where: string, deref?: Deref): StringSchema;
export function objectTable(schema: object, where: string, deref?: Deref): ObjectSchema;
export function tableToCode(value: unknown, indent?: string): string;
export function shapeTable(
  schema: object,
  where: string,
  deref?: Deref,
): import("../src/response-shape.js").ResponseShape;
export function fieldInfo(schema: object, deref?: Deref): import("../src/fields.js").FieldInfo[];
export function fieldOf(
  name: string,
  schema: object,
  required: boolean,
  description: string | undefined,
  deref?: Deref,
): import("../src/fields.js").FieldInfo;
export function numberTable(schema: object, where: string, deref?: Deref): NumberSchema;
export function booleanTable(schema: object, where: string, deref?: Deref): BooleanSchema;
export function arrayTable(schema: object, where: string, deref?: Deref): ArraySchema;
export function valueTable(schema: object, where: string, deref?: Deref): ValueSchema;
export function queryTable(parameters: object[], where: string, deref?: Deref): ObjectSchema;
export class CheckerRef {
  constructor(name: "checkNumber" | "checkEnum" | "checkItems");
  name: "checkNumber" | "checkEnum" | "checkItems";
}
