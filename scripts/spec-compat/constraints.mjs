// The breaking changes that Optic's standard rules do not see: a tightened constraint on what a
// caller sends. Optic (1.0.9) catches removed operations, response properties and status codes, new
// required parameters and properties, and narrowed types; a smaller maxLength, a new or changed
// pattern, a raised minimum and the like pass its checks. These rules walk, for every operation of
// the released spec that still exists, each request body and parameter schema side by side. The
// operations, their parameters and refs are read by the spec's reader.
import { followRef, locateOperations } from "@notebook-image/spec/reader";

/** @typedef {any} Json */

const UPPER_BOUNDS = ["maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties"];
const LOWER_BOUNDS = ["minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties"];
// A change of these cannot be shown to accept everything that was accepted: any change breaks.
const EXACT = ["pattern", "format", "const", "multipleOf"];

/**
 * Compares a schema a caller sends, before and after; pushes a finding per tightened keyword.
 * @param {{ before: Json, after: Json }} docs
 * @param {Json} beforeNode
 * @param {Json} afterNode
 * @param {string} where
 * @param {string[]} findings
 * @param {number} depth
 */
function compareSchemas(docs, beforeNode, afterNode, where, findings, depth = 0) {
  const before = followRef(docs.before, beforeNode);
  const after = followRef(docs.after, afterNode);
  if (!before || !after || typeof before !== "object" || typeof after !== "object" || depth > 16) return;
  for (const key of UPPER_BOUNDS) {
    if (after[key] === undefined) continue;
    if (before[key] === undefined) findings.push(`${where}: ${key} ${after[key]} added`);
    else if (after[key] < before[key])
      findings.push(`${where}: ${key} lowered from ${before[key]} to ${after[key]}`);
  }
  for (const key of LOWER_BOUNDS) {
    if (after[key] === undefined) continue;
    if (before[key] === undefined) findings.push(`${where}: ${key} ${after[key]} added`);
    else if (after[key] > before[key])
      findings.push(`${where}: ${key} raised from ${before[key]} to ${after[key]}`);
  }
  for (const key of EXACT) {
    if (after[key] === undefined || JSON.stringify(after[key]) === JSON.stringify(before[key])) continue;
    findings.push(
      before[key] === undefined
        ? `${where}: ${key} ${JSON.stringify(after[key])} added`
        : `${where}: ${key} changed from ${JSON.stringify(before[key])} to ${JSON.stringify(after[key])}`,
    );
  }
  if (Array.isArray(after.enum)) {
    const removed = Array.isArray(before.enum)
      ? before.enum.filter((/** @type {unknown} */ v) => !after.enum.includes(v))
      : null;
    if (removed === null) findings.push(`${where}: enum ${JSON.stringify(after.enum)} added`);
    else if (removed.length > 0) findings.push(`${where}: enum values ${JSON.stringify(removed)} removed`);
  }
  if (after.uniqueItems === true && before.uniqueItems !== true) findings.push(`${where}: uniqueItems added`);
  if (after.additionalProperties === false && before.additionalProperties !== false)
    findings.push(`${where}: additionalProperties false added (unknown fields now refused)`);

  for (const [name, schema] of Object.entries(before.properties ?? {}))
    if (after.properties?.[name])
      compareSchemas(docs, schema, after.properties[name], `${where}.${name}`, findings, depth + 1);
  if (before.items && after.items)
    compareSchemas(docs, before.items, after.items, `${where}[]`, findings, depth + 1);
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    (before[key] ?? []).forEach((/** @type {Json} */ schema, /** @type {number} */ i) => {
      if (after[key]?.[i])
        compareSchemas(docs, schema, after[key][i], `${where}(${key}[${i}])`, findings, depth + 1);
    });
  }
}

/**
 * Every tightened constraint on a request of an operation that exists in both documents.
 * @param {Json} before the released spec (bundled)
 * @param {Json} after the spec now (bundled)
 * @returns {string[]}
 */
export function tightenedRequestConstraints(before, after) {
  const docs = { before, after };
  /** @type {string[]} */
  const findings = [];
  const afterOperations = new Map(locateOperations(after).map((o) => [`${o.method} ${o.path}`, o]));
  for (const b of locateOperations(before)) {
    const operation = `${b.method} ${b.path}`;
    const a = afterOperations.get(operation);
    if (!a) continue;
    /** @type {(located: typeof b) => Map<string, Json>} */
    const parameters = (located) =>
      new Map(located.parameters.map((p) => [`${p.in} parameter ${p.name}`, p.schema]));
    const afterParameters = parameters(a);
    for (const [name, schema] of parameters(b))
      if (afterParameters.has(name))
        compareSchemas(docs, schema, afterParameters.get(name), `${operation} ${name}`, findings);
    const beforeBody = followRef(before, b.definition.requestBody)?.content ?? {};
    const afterBody = followRef(after, a.definition.requestBody)?.content ?? {};
    for (const [mediaType, content] of Object.entries(beforeBody))
      if (afterBody[mediaType])
        compareSchemas(
          docs,
          /** @type {Json} */ (content).schema,
          afterBody[mediaType].schema,
          `${operation} request body (${mediaType})`,
          findings,
        );
  }
  return findings;
}
