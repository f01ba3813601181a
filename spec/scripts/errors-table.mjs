// The errors table of the API reference (the "Errors" section of info-description.md), rendered
// from the spec's `x-error-codes` (error-codes.yaml) into the bundle, so that the table people
// read and the codes the client and the server are generated from are one list.
// info-description.md holds a marker line where the table goes.

/**
 * @typedef {{ statuses: number[], summary: string, hint: string }} ErrorCodeEntry
 * @typedef {{ codes: Record<string, ErrorCodeEntry>, ranges: (ErrorCodeEntry & { from: string, to: string })[] }} ErrorCodes
 */

/** The marker line of info-description.md that the table replaces. */
export const ERRORS_TABLE_MARKER =
  "<!-- errors table: rendered from error-codes.yaml by scripts/build.mjs -->";

/**
 * A row's cells; rows that would say the same of several codes become one row.
 * @param {ErrorCodes} errorCodes
 * @returns {string[][]}
 */
function rowsOf(errorCodes) {
  /** @param {string} code */
  const quote = (code) => `\`${code}\``;
  const entries = [
    ...Object.entries(errorCodes.codes).map(([code, entry]) => ({ codes: quote(code), ...entry })),
    ...errorCodes.ranges.map((range) => ({ codes: `${quote(range.from)} – ${quote(range.to)}`, ...range })),
  ];
  // By status, the file's order within one (a stable sort).
  entries.sort((a, b) => Number(a.statuses[0]) - Number(b.statuses[0]));
  /** @type {string[][]} */
  const rows = [];
  for (const entry of entries) {
    const cells = [entry.statuses.join(", "), entry.codes, entry.summary, entry.hint];
    const last = rows.at(-1);
    if (last && last[0] === cells[0] && last[2] === cells[2] && last[3] === cells[3])
      last[1] = `${last[1]}, ${cells[1]}`;
    else rows.push(cells);
  }
  return rows;
}

/**
 * The table as markdown lines, its columns padded like the rest of the description's tables.
 * @param {ErrorCodes} errorCodes
 * @returns {string[]}
 */
export function errorsTable(errorCodes) {
  const rows = [["HTTP", "`error_code`", "meaning", "what to do"], ...rowsOf(errorCodes)];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => String(row[column]).length)));
  /** @param {string[]} cells */
  const line = (cells) =>
    `| ${cells.map((cell, column) => cell.padEnd(Number(widths[column]))).join(" | ")} |`;
  return [line(rows[0] ?? []), line(widths.map((width) => "-".repeat(width))), ...rows.slice(1).map(line)];
}

/**
 * The bundled document's YAML text with the marker line of its description replaced by the table
 * (indented as the marker is: the description is a block scalar). A document without
 * `x-error-codes` is returned as it is; one with it but without the marker is an error.
 * @param {string} yamlText
 * @param {{ "x-error-codes"?: ErrorCodes }} document the same document, parsed
 * @returns {string}
 */
export function withErrorsTable(yamlText, document) {
  const errorCodes = document["x-error-codes"];
  if (errorCodes === undefined) return yamlText;
  const lines = yamlText.split("\n");
  const at = lines.findIndex((line) => line.trim() === ERRORS_TABLE_MARKER);
  if (at === -1) throw new Error(`the description has no line ${ERRORS_TABLE_MARKER} for the errors table`);
  const marker = String(lines[at]);
  const indent = marker.slice(0, marker.indexOf("<"));
  lines.splice(at, 1, ...errorsTable(errorCodes).map((row) => `${indent}${row}`));
  return lines.join("\n");
}
