// Finds what a built page would load from another host: the docs must work as one folder on any
// static host and must not send readers' browsers to font CDNs, script CDNs or trackers.
// Plain links (<a href>) and URLs quoted in the API text are fine: they load nothing by themselves.

const absolute = String.raw`(?:https?:)?\/\/[^\s"'<>)]+`;

const patterns = [
  // <script src>, <img src>, <iframe src>, <source src>...
  new RegExp(
    String.raw`<(?:script|img|iframe|source|video|audio|embed|track)\b[^>]*?\ssrc\s*=\s*["']?(${absolute})`,
    "gi",
  ),
  // <link href> of any rel: stylesheet, preload, modulepreload, icon, preconnect...
  new RegExp(String.raw`<link\b[^>]*?\shref\s*=\s*["']?(${absolute})`, "gi"),
  // CSS url(...) and @import
  new RegExp(String.raw`url\(\s*["']?(${absolute})`, "gi"),
  new RegExp(String.raw`@import\s+["'](${absolute})`, "gi"),
  // ES module imports of remote code
  new RegExp(String.raw`\bimport\s*(?:[\w{}\s,*]+from\s*)?\(?\s*["'](${absolute})`, "gi"),
];

/**
 * @param {string} text HTML or CSS
 * @returns {string[]} the absolute URLs it would load, without duplicates
 */
export function findExternalResources(text) {
  const found = new Set();
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      if (match[1]) found.add(match[1]);
    }
  }
  return [...found];
}
