// Flags made from the spec's fields: one per property of the create-image body, of the
// CreateNotebook and UpdateNotebook bodies (a field of a nested object by its path:
// `volume.category` is --volume-category) and of RenewLease's body, one per query parameter of
// ListImage, ListNotebooks and StartNotebook. The
// field list, types, enums and defaults come from the client's field metadata, generated from the
// spec: a field the spec adds gets its flag.
import {
  CREATE_IMAGE_FIELDS,
  CREATE_NOTEBOOK_FIELDS,
  type FieldInfo,
  LIST_IMAGES_QUERY_FIELDS,
  LIST_NOTEBOOKS_QUERY_FIELDS,
  RENEW_LEASE_FIELDS,
  START_NOTEBOOK_QUERY_FIELDS,
  UPDATE_NOTEBOOK_FIELDS,
} from "@notebook-image/client";

export interface FieldFlag {
  /** The spec's field name (`workspace_id`), or its path in a nested object (`volume.category`). */
  field: string;
  /** The flag's long name (`workspace-id`, `volume-category`). */
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
    flag: f.name.replaceAll(/[._]/g, "-"),
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

/** One flag per value of the CreateNotebook body and of its closed objects (`volume`, `lease`). */
export const notebookBodyFlags: readonly FieldFlag[] = flagsOf(CREATE_NOTEBOOK_FIELDS);

/** One flag per query parameter of ListNotebooks, in the spec's order. */
export const notebookQueryFlags: readonly FieldFlag[] = flagsOf(LIST_NOTEBOOKS_QUERY_FIELDS);

/** One flag per query parameter of StartNotebook (the automatic stop after the start). */
export const startQueryFlags: readonly FieldFlag[] = flagsOf(START_NOTEBOOK_QUERY_FIELDS);

/** One flag per value of the UpdateNotebook body (what an update can change). */
export const updateBodyFlags: readonly FieldFlag[] = flagsOf(UPDATE_NOTEBOOK_FIELDS);

/** One flag per field of RenewLease's body (the run time from now, the kind of stop). */
export const leaseBodyFlags: readonly FieldFlag[] = flagsOf(RENEW_LEASE_FIELDS);

/** The option groups made of fields: a command has at most one body group and one query group. */
export const fieldGroups = {
  body: bodyFlags,
  "notebook-body": notebookBodyFlags,
  "update-body": updateBodyFlags,
  "lease-body": leaseBodyFlags,
  query: queryFlags,
  "notebook-query": notebookQueryFlags,
  "start-query": startQueryFlags,
} as const satisfies Record<string, readonly FieldFlag[]>;

export type FieldGroup = keyof typeof fieldGroups;
export const bodyGroups: readonly FieldGroup[] = ["body", "notebook-body", "update-body", "lease-body"];
export const queryGroups: readonly FieldGroup[] = ["query", "notebook-query", "start-query"];

/** Every field flag of every group. */
export const allFieldFlags: readonly FieldFlag[] = Object.values(fieldGroups).flat();

/** Sets the flag's value at its field's path: `volume.category` goes into `volume`. */
export function setField(record: Record<string, unknown>, flag: FieldFlag, value: unknown): void {
  const [first, ...rest] = flag.field.split(".") as [string, ...string[]];
  if (rest.length === 0) {
    record[first] = value;
    return;
  }
  record[first] ??= {};
  setField(record[first] as Record<string, unknown>, { ...flag, field: rest.join(".") }, value);
}

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
