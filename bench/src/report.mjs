// The benchmark table: each figure with its goal and whether it was met. Figures never fail the
// run; a missed goal is reported, not thrown.

/** @typedef {{ id: string, label: string, value: number, unit: string, digits: number, goal?: number, atLeast?: boolean }} Figure */
// A goal is a ceiling (≤) unless `atLeast` makes it a floor (≥), as for throughput ratios.

/** @type {(value: number, unit: string, digits: number) => string} */
const format = (value, unit, digits) =>
  Number.isFinite(value) ? `${value.toFixed(digits)} ${unit}`.trim() : "n/a";

/** @param {Figure} figure */
export function status(figure) {
  if (figure.goal === undefined) return "";
  if (!Number.isFinite(figure.value)) return "not measured";
  const met = figure.atLeast ? figure.value >= figure.goal : figure.value <= figure.goal;
  return met ? "met" : "missed";
}

/** @param {Figure[]} figures */
export function table(figures) {
  /** @type {string[][]} */
  const rows = [
    ["Figure", "Value", "Goal", "Status"],
    ...figures.map((f) => [
      f.label,
      format(f.value, f.unit, f.digits),
      f.goal === undefined ? "" : `${f.atLeast ? "≥" : "≤"} ${format(f.goal, f.unit, f.digits)}`,
      status(f),
    ]),
  ];
  const [header = [], ...body] = rows;
  const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c]?.length ?? 0)));
  /** @param {string[]} r */
  const line = (r) => `| ${r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}
