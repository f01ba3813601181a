// Request checks compiled from the spec's own schemas (the spec package's Ajv set-up: JSON Schema
// 2020-12 as OpenAPI 3.1 uses it), with every failure turned into the ModelArts error a user can act
// on: 6335 when a required field is missing, 6336 when a value breaks a rule, each naming the field
// and the rule in the spec's words (x-error-codes, src/generated/refusals.ts). Beyond the spec's
// rules, a parameter must be text the store can look up (see textIssues).
import {
  BUNDLED_DOCUMENTS,
  createAjv,
  type JsonSchema,
  type SpecOperation,
  type SpecParameter,
  specDocument,
} from "@notebook-image/spec/reader";
import type { Ajv2020, ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import type { Refusal } from "../domain/domain-error.js";
import type { ErrorCode } from "../generated/refusals.js";
import * as refusal from "../generated/refusals.js";

export interface ValidationIssue {
  /** e.g. "name", "limit", "project_id". */
  field: string;
  /** "missing" for a required field absent, otherwise the rule broken. */
  kind: "missing" | "invalid";
  /** The spec's refusal of this field alone: 6335 when it is missing, 6336 when it breaks a rule. */
  refusal: Refusal;
  /** The refusal's message as a clause that joins others (no final full stop). */
  message: string;
}

/** The issues of one request, answered together with the code of the first missing field, else of the first. */
export class RequestInvalid extends Error implements Refusal {
  override readonly name = "RequestInvalid";
  readonly code: ErrorCode;
  readonly httpStatus: number;
  constructor(readonly issues: ValidationIssue[]) {
    super(`${issues.map((i) => i.message).join("; ")}.`);
    const decisive = issues.find((i) => i.kind === "missing") ?? issues[0];
    if (!decisive) throw new Error("RequestInvalid needs at least one issue");
    this.code = decisive.refusal.code;
    this.httpStatus = decisive.refusal.httpStatus;
  }
}

/** An issue from the spec's refusal of one field: its message without the final full stop, to be joined. */
function issueOf(field: string, kind: ValidationIssue["kind"], fieldRefusal: Refusal): ValidationIssue {
  return { field, kind, refusal: fieldRefusal, message: fieldRefusal.message.replace(/\.$/, "") };
}

/** A required field (or the body itself) absent: ModelArts.6335. */
export function missingField(field: string): ValidationIssue {
  return issueOf(field, "missing", refusal.missingParameter({ field }));
}

/** A value that breaks a rule: ModelArts.6336. */
function invalid(field: string, rule: string): ValidationIssue {
  return issueOf(field, "invalid", refusal.invalidParameter({ field, rule }));
}

export interface OperationValidator {
  /** Path parameters, as strings from the URL. Throws RequestInvalid. */
  path(params: Record<string, string>): Record<string, string>;
  /** Query parameters, coerced to the spec's types with its defaults applied. Throws RequestInvalid. */
  query(query: Record<string, unknown>): Record<string, unknown>;
  /** The parsed JSON body, with the spec's defaults applied. Throws RequestInvalid. */
  body(body: unknown): unknown;
}

export interface SchemaValidators {
  /** The validators of an operation of a bundled document. */
  operation(operation: SpecOperation): OperationValidator;
  /** A standalone check of a (dereferenced) schema of a bundled document, e.g. for the control API. */
  compile(schema: JsonSchema): (value: unknown) => ValidationIssue[];
}

/**
 * The validators of the bundled documents' operations and schemas, compiled on first use and kept
 * for the process: a document is read once per process (specDocument), so every server a test
 * process starts after the first finds its operations' validators here. An operation's are
 * compiled at its first request, not when its route is registered: compiling every operation of
 * the three documents took a tenth of a start's CPU before the first answer.
 */
export const requestValidators: SchemaValidators = {
  operation(operation) {
    let validator = operationValidators.get(operation);
    if (!validator) {
      validator = compiledOnFirstUse(operation);
      operationValidators.set(operation, validator);
    }
    return validator;
  },
  compile(schema) {
    // By schema object: the document hands out the same one each time it is asked for a schema.
    let checker = schemaCheckers.get(schema);
    if (!checker) {
      const validate = ajvs().bodies.compile(schema);
      checker = (value) => (validate(value) ? textIssues(value) : issuesOf(validate.errors ?? [], ""));
      schemaCheckers.set(schema, checker);
    }
    return checker;
  },
};

const operationValidators = new WeakMap<SpecOperation, OperationValidator>();
const schemaCheckers = new WeakMap<JsonSchema, (value: unknown) => ValidationIssue[]>();

let shared: { bodies: Ajv2020; params: Ajv2020 } | undefined;

/**
 * One pair of Ajv instances for every document: an instance's first compile compiles JSON Schema's
 * meta-schema too, the costliest part of it.
 */
function ajvs(): { bodies: Ajv2020; params: Ajv2020 } {
  if (!shared) {
    const documents = BUNDLED_DOCUMENTS.map((name) => specDocument(name).raw);
    const options = { useDefaults: true, verbose: true } as const;
    shared = {
      bodies: createAjv(documents, { ...options, coerceTypes: false }),
      // Query and path values arrive as strings: "200" is the integer 200, "true" the boolean.
      params: createAjv(documents, { ...options, coerceTypes: true }),
    };
  }
  return shared;
}

function compiledOnFirstUse(operation: SpecOperation): OperationValidator {
  let compiled: OperationValidator | undefined;
  const validator = () => {
    compiled ??= compileOperation(operation);
    return compiled;
  };
  return {
    path: (value) => validator().path(value),
    query: (value) => validator().query(value),
    body: (value) => validator().body(value),
  };
}

function compileOperation(operation: SpecOperation): OperationValidator {
  const { bodies, params } = ajvs();
  const path = paramsValidator(params, operation.parameters, "path");
  const query = paramsValidator(params, operation.parameters, "query");
  const body = operation.body ? bodies.compile(operation.body.schema) : undefined;
  return {
    // A parameter is looked up in the store as text: U+0000 there is refused (textIssues).
    path: (value) => storableText(path ? check(path, { ...value }, "") : value) as Record<string, string>,
    query: (value) => storableText(query ? check(query, { ...value }, "") : value) as Record<string, unknown>,
    // A body's strings are stored as sent, whatever they hold (see store/images.ts).
    body: (value) => (body ? check(body, value, "") : value),
  };
}

/**
 * The check of an operation's parameters in one location; none where it declares none (their
 * schema would accept any object: the health check's first answer compiles nothing).
 */
function paramsValidator(
  ajv: Ajv2020,
  parameters: readonly SpecParameter[],
  location: "path" | "query",
): ValidateFunction | undefined {
  const chosen = parameters.filter((p) => p.in === location);
  if (chosen.length === 0) return undefined;
  return ajv.compile({
    type: "object",
    properties: Object.fromEntries(chosen.map((p) => [p.name, p.schema])),
    required: chosen.filter((p) => p.required).map((p) => p.name),
  });
}

function check(validate: ValidateFunction, value: unknown, prefix: string): unknown {
  if (validate(value)) return value;
  throw new RequestInvalid(issuesOf(validate.errors ?? [], prefix));
}

function storableText(value: unknown): unknown {
  const issues = textIssues(value);
  if (issues.length > 0) throw new RequestInvalid(issues);
  return value;
}

/** A UTF-16 surrogate with no partner: with the u flag, a well-formed pair is one code point. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Strings PostgreSQL's text cannot hold as they are: U+0000, and a lone surrogate (no UTF-8 form:
 * it would come back as U+FFFD). Where such a string is only looked up (a query or path parameter,
 * the control API's fields), it is refused naming the field; an image's description, which the API
 * allows to hold anything, is stored escaped instead (store/images.ts).
 */
export function textIssues(value: unknown, prefix = ""): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const walk = (node: unknown, at: string) => {
    if (typeof node === "string") {
      const field = at || "body";
      if (node.includes("\u0000")) issues.push(invalid(field, "must not contain the character U+0000 (NUL)"));
      else if (LONE_SURROGATE.test(node))
        issues.push(
          invalid(
            field,
            "must be well-formed Unicode text (it holds a lone surrogate, half of a UTF-16 pair)",
          ),
        );
    } else if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) walk(item, `${at}[${index}]`);
    } else if (node !== null && typeof node === "object") {
      for (const [key, item] of Object.entries(node)) walk(item, at ? `${at}.${key}` : key);
    }
  };
  walk(value, prefix);
  return issues;
}

/** One issue per field, in the order Ajv met them. */
function issuesOf(errors: ErrorObject[], prefix: string): ValidationIssue[] {
  const issues = new Map<string, ValidationIssue>();
  for (const error of errors) {
    // An `if` that held says only 'must match "then" schema'; the `then` rule broken names the field.
    if (error.keyword === "if") continue;
    const issue = describe(error, prefix);
    if (!issues.has(issue.field)) issues.set(issue.field, issue);
  }
  return [...issues.values()];
}

function describe(error: ErrorObject, prefix: string): ValidationIssue {
  const at = fieldName(prefix, error.instancePath);
  const params = error.params as Record<string, unknown>;
  const schema = (error.parentSchema ?? {}) as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return missingField(fieldName(at, `/${String(params.missingProperty)}`));
    case "additionalProperties": {
      const known = Object.keys((schema.properties ?? {}) as object);
      return invalid(
        fieldName(at, `/${String(params.additionalProperty)}`),
        `unknown property${known.length ? ` (allowed: ${known.join(", ")})` : ""}`,
      );
    }
    case "pattern": {
      const hint = typeof schema["x-pattern-hint"] === "string" ? ` (${schema["x-pattern-hint"]})` : "";
      return invalid(at || "body", `must match pattern ${String(params.pattern)}${hint}`);
    }
    case "enum":
      return invalid(at || "body", `must be one of ${(params.allowedValues as unknown[]).join(", ")}`);
    case "const":
      return invalid(at || "body", `must be ${JSON.stringify(params.allowedValue)}`);
    default:
      return invalid(at || "body", error.message ?? `breaks the rule ${error.keyword}`);
  }
}

/** "/a/0/b" under "x" → "x.a[0].b". */
function fieldName(prefix: string, pointer: string): string {
  let name = prefix;
  for (const token of pointer.split("/").slice(1)) {
    const key = token.replaceAll("~1", "/").replaceAll("~0", "~");
    name = /^\d+$/.test(key) ? `${name}[${key}]` : name ? `${name}.${key}` : key;
  }
  return name;
}
