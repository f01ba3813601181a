// `@notebook-image/client/app-helpers`: pieces of the client that this repository's apps reuse
// rather than copy (the CLI's "did you mean" for flags and commands, and its check of `--header`
// names; the server's suggestions for mistyped flags). Not part of the client's API: no API report
// covers this subpath and it follows no semver promise, so users should not import it.
export { closestMatch } from "./closest-match.js";
export { HTTP_TOKEN } from "./headers.js";
