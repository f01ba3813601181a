// Rows of the console's tables, built from text only: what the server sends is data, never markup.

/** A cell: its text, and a class for the ones styled by their value (a status). */
export type Cell = string | { text: string; className?: string; title?: string; node?: HTMLElement };

export function tableRow(cells: Cell[]): HTMLTableRowElement {
  const row = document.createElement("tr");
  for (const cell of cells) {
    const td = document.createElement("td");
    if (typeof cell === "string") {
      td.textContent = cell;
    } else {
      if (cell.node) td.append(cell.node);
      else td.textContent = cell.text;
      if (cell.className) td.className = cell.className;
      if (cell.title) td.title = cell.title;
    }
    row.append(td);
  }
  return row;
}

/** Replaces the table's rows; with none, one row saying so across every column. */
export function fillTable(table: HTMLTableElement, rows: HTMLTableRowElement[], empty: string) {
  const body = table.tBodies[0] ?? table.createTBody();
  if (rows.length > 0) {
    body.replaceChildren(...rows);
    return;
  }
  const td = Object.assign(document.createElement("td"), { textContent: empty, className: "empty" });
  td.colSpan = table.tHead?.rows[0]?.cells.length ?? 1;
  const row = document.createElement("tr");
  row.append(td);
  body.replaceChildren(row);
}

/** `2026-12-07 11:30:07`, in the browser's time zone. */
export function formatDateTime(ms: number): string {
  const date = new Date(ms);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${formatTime(ms)}`;
}

/** `11:30:07`, in the browser's time zone. */
export function formatTime(ms: number): string {
  const date = new Date(ms);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}
