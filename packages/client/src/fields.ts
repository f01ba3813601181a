// Field metadata from the spec (src/generated/fields.ts), for apps that build a form or command
// line flags from the contract instead of retyping it: names, whether required, rules, the spec's
// own description.
export {
  CREATE_IMAGE_FIELDS,
  CREATE_NOTEBOOK_FIELDS,
  LIST_IMAGES_QUERY_FIELDS,
  LIST_NOTEBOOKS_QUERY_FIELDS,
  RENEW_LEASE_FIELDS,
  START_NOTEBOOK_QUERY_FIELDS,
  UPDATE_NOTEBOOK_FIELDS,
} from "./generated/fields.js";

/** One field of a request body (or one query parameter), as the spec describes it. */
export interface FieldInfo {
  /** The field's name in the body or the query (`workspace_id`); in a nested object, its path (`volume.category`). */
  name: string;
  required: boolean;
  type?: "string" | "integer" | "number" | "boolean" | "object" | "array";
  format?: string;
  enum?: readonly (string | number | boolean)[];
  default?: string | number | boolean;
  minLength?: number;
  maxLength?: number;
  /** A regular expression (JSON Schema: matched with the `u` flag). */
  pattern?: string;
  /** The pattern in plain words (the spec's `x-pattern-hint`). */
  patternHint?: string;
  minimum?: number;
  maximum?: number;
  /** The spec's description (Markdown). */
  description: string;
  /** Its one-line definition, for help texts and labels. */
  summary: string;
  example?: unknown;
}
