// Flags made from the spec's fields: one per property of the create-image body, one per query
// parameter of ListImage. The field list, types, enums and defaults come from the client.
// INTERIM: replaced by the client's spec-derived metadata as soon as it is on main.

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

/** What the client's field metadata says of a field (its FieldInfo). */
interface FieldInfoLike {
  name: string;
  required: boolean;
  type?: FieldFlag["type"];
  enum?: readonly (string | number | boolean)[];
  default?: string | number | boolean;
  summary: string;
}

function flagsOf(fields: readonly FieldInfoLike[]): FieldFlag[] {
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

export const bodyFlags: readonly FieldFlag[] = flagsOf([
  { name: "name", type: "string", required: true, summary: "Image name." },
  { name: "namespace", type: "string", required: true, summary: "Organization to which the image belongs." },
  { name: "tag", type: "string", required: false, summary: "Image tag." },
  { name: "description", type: "string", required: false, summary: "Image description." },
  { name: "workspace_id", type: "string", required: false, default: "0", summary: "Workspace ID." },
  { name: "swr_instance_id", type: "string", required: false, summary: "SWR enterprise instance ID." },
  {
    name: "swr_instance_domain",
    type: "string",
    required: false,
    summary: "SWR enterprise instance domain.",
  },
]);

const enumOf = (...values: string[]) => values;
export const queryFlags: readonly FieldFlag[] = flagsOf([
  { name: "limit", type: "integer", required: false, default: 200, summary: "Page size." },
  { name: "offset", type: "integer", required: false, default: 0, summary: "Offset." },
  { name: "name", type: "string", required: false, summary: "Image name." },
  {
    name: "name_fuzzy_match",
    type: "boolean",
    required: false,
    default: true,
    summary: "Substring match on name.",
  },
  { name: "namespace", type: "string", required: false, summary: "Organization." },
  {
    name: "service_type",
    type: "string",
    required: false,
    enum: enumOf("COMMON", "INFERENCE", "TRAIN", "DEV", "UNKNOWN"),
    summary: "Service type.",
  },
  {
    name: "sort_dir",
    type: "string",
    required: false,
    enum: enumOf("ASC", "DESC"),
    default: "DESC",
    summary: "Sort direction.",
  },
  { name: "sort_key", type: "string", required: false, summary: "Sort key." },
  {
    name: "type",
    type: "string",
    required: false,
    enum: enumOf("BUILD_IN", "DEDICATED"),
    default: "BUILD_IN",
    summary: "Image type.",
  },
  { name: "workspace_id", type: "string", required: false, summary: "Workspace ID." },
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
