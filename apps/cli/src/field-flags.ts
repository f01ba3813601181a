// Flags made from the spec's fields: one per property of the create-image body, one per query
// parameter of ListImage. The field list, types, enums and defaults come from the client.
// INTERIM: replaced by the client's spec-derived metadata as soon as it is on main.

export interface FieldFlag {
  /** The spec's field name (`workspace_id`). */
  field: string;
  /** The flag's long name (`workspace-id`). */
  flag: string;
  type: "string" | "integer" | "boolean";
  required: boolean;
  enum?: readonly string[];
  default?: unknown;
}

const toFlag = (field: string) => field.replaceAll("_", "-");

function flagsOf(
  fields: readonly {
    name: string;
    type: FieldFlag["type"];
    required?: boolean;
    enum?: readonly string[];
    default?: unknown;
  }[],
): FieldFlag[] {
  return fields.map((f) => ({
    field: f.name,
    flag: toFlag(f.name),
    type: f.type,
    required: f.required === true,
    ...(f.enum === undefined ? {} : { enum: f.enum }),
    ...(f.default === undefined ? {} : { default: f.default }),
  }));
}

export const bodyFlags: readonly FieldFlag[] = flagsOf([
  { name: "name", type: "string", required: true },
  { name: "namespace", type: "string", required: true },
  { name: "tag", type: "string" },
  { name: "description", type: "string" },
  { name: "workspace_id", type: "string", default: "0" },
  { name: "swr_instance_id", type: "string" },
  { name: "swr_instance_domain", type: "string" },
]);

export const queryFlags: readonly FieldFlag[] = flagsOf([
  { name: "limit", type: "integer", default: 200 },
  { name: "offset", type: "integer", default: 0 },
  { name: "name", type: "string" },
  { name: "name_fuzzy_match", type: "boolean", default: true },
  { name: "namespace", type: "string" },
  { name: "service_type", type: "string", enum: ["COMMON", "INFERENCE", "TRAIN", "DEV", "UNKNOWN"] },
  { name: "sort_dir", type: "string", enum: ["ASC", "DESC"], default: "DESC" },
  { name: "sort_key", type: "string" },
  { name: "type", type: "string", enum: ["BUILD_IN", "DEDICATED"], default: "BUILD_IN" },
  { name: "workspace_id", type: "string" },
]);

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
