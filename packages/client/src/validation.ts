// Request validation with the validators compiled from the spec's own schemas at build time.
// This file only turns Ajv's errors into plain-words issues; every limit, pattern and field name
// in a message comes from the spec (through the generated code), never from this file.
import type { ValidationIssue } from "./errors.js";
import { CREATE_IMAGE_FIELDS, PATTERN_HINTS } from "./generated/spec-facts.js";
import {
  type AjvError,
  type CompiledValidator,
  validateCreateImageRequest as createImageRequestValidator,
  validateInstanceId as instanceIdValidator,
  validateProjectId as projectIdValidator,
} from "./generated/validators.js";

export type { ValidationIssue };

/**
 * Checks a create-image request body against the spec. Returns every problem found, or an empty
 * array when the body is valid. Nothing is sent.
 */
export function validateCreateImageRequest(body: unknown): ValidationIssue[] {
  return run(createImageRequestValidator, body, "");
}

/** Checks a notebook instance id (the path parameter `id`: a UUID). */
export function validateInstanceId(instanceId: unknown): ValidationIssue[] {
  return run(instanceIdValidator, instanceId, "instanceId");
}

/** Checks a project id (the path parameter `project_id`: a safe path segment). */
export function validateProjectId(projectId: unknown): ValidationIssue[] {
  return run(projectIdValidator, projectId, "projectId");
}

function run(validator: CompiledValidator, value: unknown, name: string): ValidationIssue[] {
  if (validator(value)) return [];
  const errors = validator.errors ?? [];
  const issues = errors.map((error) => toIssue(error, value, name));
  // An empty value also breaks its pattern, and a non-UUID both `format` and the stricter
  // `pattern`: report the plainer rule only.
  return issues.filter(
    (issue) =>
      issue.rule !== "pattern" ||
      !issues.some((i) => i.path === issue.path && (i.rule === "format" || i.rule === "minLength")),
  );
}

function toIssue(error: AjvError, root: unknown, name: string): ValidationIssue {
  const params = error.params;
  let path = name || pointerToPath(error.instancePath);
  let text: string;
  switch (error.keyword) {
    case "required":
      path = join(path, String(params.missingProperty));
      text = "is required";
      break;
    case "additionalProperties": {
      path = join(path, String(params.additionalProperty));
      const suggestion = closest(String(params.additionalProperty), CREATE_IMAGE_FIELDS);
      text = `is not a known field${suggestion ? ` (did you mean ${suggestion}?)` : ""}; known fields: ${CREATE_IMAGE_FIELDS.join(", ")}`;
      break;
    }
    case "type":
      text = `must be ${article(String(params.type))} ${params.type} (got ${typeName(valueAt(root, error.instancePath))})`;
      break;
    case "minLength":
      text = params.limit === 1 ? "must not be empty" : `must be at least ${params.limit} characters`;
      break;
    case "maxLength":
      text = `must be at most ${params.limit} characters (got ${[...String(valueAt(root, error.instancePath))].length})`;
      break;
    case "pattern": {
      const hint = PATTERN_HINTS[name || error.instancePath];
      text = `must match pattern ${params.pattern}${hint ? ` (${hint})` : ""}`;
      break;
    }
    case "format":
      text = params.format === "uuid" ? "must be a UUID" : `must be a valid ${params.format}`;
      break;
    case "enum":
      text = `must be one of ${(params.allowedValues as unknown[]).join(", ")}`;
      break;
    default:
      text = `breaks the rule "${error.keyword}"`;
  }
  return { path: path || "(body)", rule: error.keyword, message: `${path || "(body)"}: ${text}` };
}

/** `/name` → `name`; `/a/b` → `a.b`. */
const pointerToPath = (pointer: string) => pointer.slice(1).replace(/\//g, ".");

const join = (base: string, key: string) => (base ? `${base}.${key}` : key);

function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const key of pointer.split("/").slice(1)) value = (value as Record<string, unknown>)?.[key];
  return value;
}

const typeName = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
const article = (word: string) => (/^[aeiou]/.test(word) ? "an" : "a");

/** The known field closest to a misspelt one (edit distance ≤ 2), for a "did you mean" hint. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = editDistance(word, candidate);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
