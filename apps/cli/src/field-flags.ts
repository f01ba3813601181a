// Flags made from the spec's fields: one per property of the create-image body, one per query
// parameter of ListImage. The field list, types, enums and defaults come from the client's field
// metadata, generated from the spec: a field the spec adds gets its flag.
import { CREATE_IMAGE_FIELDS, type FieldInfo, LIST_IMAGES_QUERY_FIELDS } from "@notebook-image/client";

export interface FieldFlag {
  /** The spec's field name (`workspace_id`). */
  field: string;
  /** The flag's long name (`workspace-id`). */
  flag: string;
  type: "string" | "integer" | "number" | "boolean" | "object" | "array" | undefined;
  required: boolean;
  enum?: readonly (string | number | boolean)[];
  default?: unknown;
  /** The spec's one-line definition, for the help. */
  summary: string;
}

function flagsOf(fields: readonly FieldInfo[]): FieldFlag[] {
  return fields.map((f) => ({
    field: f.name,
    flag: f.name.replaceAll("_", "-"),
    type: f.type,
    required: f.required,
    summary: f.summary,
    ...(f.enum === undefined ? {} : { enum: f.enum }),
    ...(f.default === undefined ? {} : { default: f.default }),
  }));
}

/** One flag per property of the create-image body, in the spec's order. */
export const bodyFlags: readonly FieldFlag[] = flagsOf(CREATE_IMAGE_FIELDS);

/** One flag per query parameter of ListImage, in the spec's order. */
export const queryFlags: readonly FieldFlag[] = flagsOf(LIST_IMAGES_QUERY_FIELDS);

/**
 * The value a flag's text stands for, by the field's type: "12" is 12 for an integer, "false" is
 * false for a boolean. Text that is not of the type is passed on as it is, so that the client's
 * validator (compiled from the spec) names the rule it breaks.
 */
export function typedValue(flag: FieldFlag, text: string): unknown {
  if (flag.type === "integer" && /^-?\d+$/.test(text.trim())) return Number(text);
  if (flag.type === "boolean" && (text === "true" || text === "false")) return text === "true";
  return text;
}
