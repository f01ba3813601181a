// Live reload for `pnpm dev`: the script that reloads an open page when the docs are rebuilt, and
// where it goes in the page.

/** @param {string} eventsPath the server-sent events path that announces each rebuild */
export function reloadScript(eventsPath) {
  return `<script>new EventSource(${JSON.stringify(eventsPath)}).onmessage = () => location.reload();</script>`;
}

/**
 * Inserts `snippet` just before the page's own `</body>`: the LAST one. Redoc's inlined bundle
 * holds the text `</body>` inside its JavaScript (in template strings), so the first occurrence
 * sits in the middle of a script, and a snippet put there breaks that script.
 * @param {string} html
 * @param {string} snippet
 */
export function insertBeforeBodyEnd(html, snippet) {
  const at = html.lastIndexOf("</body>");
  if (at === -1) throw new Error("the page has no </body>: cannot add the live-reload script");
  return `${html.slice(0, at)}${snippet}${html.slice(at)}`;
}
