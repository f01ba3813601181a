// The console's request log: what the server answered in the last minutes (the control API's
// listRequests), newest first. The server keeps no query string, header or body of a request.
import type { ControlRequestLog } from "@notebook-image/server/control-client";
import { fillTable, formatTime, tableRow } from "./table.js";

/** How far back the log goes on the page. */
export const REQUEST_LOG_MINUTES = 5;

export function showRequests(table: HTMLTableElement, log: ControlRequestLog, now: number) {
  const since = now - REQUEST_LOG_MINUTES * 60_000;
  const rows = log.requests
    .filter((entry) => entry.at >= since)
    .map((entry) =>
      tableRow([
        { text: formatTime(entry.at), className: "nowrap" },
        entry.method,
        { text: entry.path, className: "path" },
        { text: String(entry.status), className: entry.status >= 400 ? "http-error" : "" },
        { text: `${Math.round(entry.durationMs)} ms`, className: "nowrap" },
        { text: entry.id, className: "id" },
      ]),
    );
  fillTable(table, rows, `No request in the last ${REQUEST_LOG_MINUTES} minutes.`);
}
