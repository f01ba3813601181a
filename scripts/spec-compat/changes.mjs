// The changes a caller can see that are not breaking (check.mjs lists them beside the breaking
// ones, so a review sees every change the spec makes): operations, parameters, schema properties
// and enum values added, and the servers (a regional host corrected shows here, by URL). The
// operations and their parameters are read by the spec's reader.
import { locateOperations } from "@notebook-image/spec/reader";

/** @typedef {any} Json */

/**
 * @param {Json} doc
 * @returns {Map<string, string[]>} "METHOD /path" → "in name" of each of its parameters
 */
function operationsOf(doc) {
  return new Map(
    locateOperations(doc).map(({ method, path, parameters }) => [
      `${method} ${path}`,
      parameters.map((p) => `${p.in} ${p.name}`),
    ]),
  );
}

/**
 * Every non-breaking change from `before` to `after`, one line each, sorted.
 * @param {Json} before
 * @param {Json} after
 * @returns {string[]}
 */
export function specChanges(before, after) {
  /** @type {string[]} */
  const lines = [];
  const was = operationsOf(before);
  for (const [name, parameters] of operationsOf(after)) {
    const oldParameters = was.get(name);
    if (!oldParameters) {
      lines.push(`operation added: ${name}`);
      continue;
    }
    for (const parameter of parameters)
      if (!oldParameters.includes(parameter)) lines.push(`parameter added: ${name} ${parameter}`);
  }
  const oldSchemas = before.components?.schemas ?? {};
  for (const [schemaName, schema] of Object.entries(after.components?.schemas ?? {})) {
    const old = oldSchemas[schemaName];
    if (!old) {
      lines.push(`schema added: ${schemaName}`);
      continue;
    }
    for (const property of Object.keys(/** @type {Json} */ (schema).properties ?? {}))
      if (!(property in (old.properties ?? {}))) lines.push(`property added: ${schemaName}.${property}`);
    for (const [property, value] of Object.entries(/** @type {Json} */ (schema).properties ?? {})) {
      const oldEnum = old.properties?.[property]?.enum;
      const newEnum = /** @type {Json} */ (value).enum;
      if (newEnum && !oldEnum && old.properties?.[property])
        lines.push(`enum documented: ${schemaName}.${property} (${newEnum.join(", ")})`);
    }
  }
  const urls = (/** @type {Json} */ doc) => (doc.servers ?? []).map((/** @type {Json} */ s) => s.url);
  for (const server of after.servers ?? []) {
    if (urls(before).includes(server.url)) continue;
    // A server that corrects an earlier one says so in its description ("Correction: ...").
    const correction = /Correction:\s*([\s\S]*)$/
      .exec(server.description ?? "")?.[1]
      ?.replace(/\s+/g, " ")
      .trim();
    lines.push(`server added: ${server.url}${correction ? ` (correction: ${correction})` : ""}`);
  }
  for (const url of urls(before)) if (!urls(after).includes(url)) lines.push(`server removed: ${url}`);
  const regions = (/** @type {Json} */ doc) =>
    (doc.servers ?? []).flatMap((/** @type {Json} */ s) => s.variables?.region?.enum ?? []);
  for (const region of regions(before))
    if (!regions(after).includes(region)) lines.push(`server region moved or removed: ${region}`);
  return lines.sort();
}
