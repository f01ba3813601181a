// The console's notebooks table: every notebook instance of the server (the control API's
// listNotebooks), its status and the image it runs (after a save, the saved one).
import type { ControlNotebook } from "@notebook-image/server/control-client";
import { fillTable, tableRow } from "./table.js";

export function showNotebooks(table: HTMLTableElement, notebooks: ControlNotebook[]) {
  const rows = notebooks.map((notebook) =>
    tableRow([
      notebook.name ?? "",
      { text: notebook.status, className: `status status-${notebook.status}` },
      currentImage(notebook),
      { text: notebook.id, className: "id" },
    ]),
  );
  fillTable(table, rows, "The server holds no notebook instance.");
}

function currentImage(notebook: ControlNotebook) {
  const image = notebook.image;
  if (!image) return "";
  return { text: image.name ?? image.id ?? "", title: [image.id, image.swr_path].filter(Boolean).join("\n") };
}
