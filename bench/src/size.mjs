// Size: what a browser app pays for createNotebookImageClient. The built client is imported by its
// package name, so its exports map (and the `#crypto` browser condition) is used as in an app.
// The one measurement of the client's bundle: `pnpm bench` reports it against the goal, and the
// size check of `pnpm test` (test/size-limit.test.ts) holds it under the limit.
import { fileURLToPath } from "node:url";
import { measureBrowserBundle } from "./browser-bundle.mjs";

const benchDir = fileURLToPath(new URL("..", import.meta.url));

/** What an app that only saves (the core and saveInstanceAsImage) should pay at most (issue 15). */
export const SAVE_ONLY_GOAL_GZIP_BYTES = 6 * 1024;

/** What an app that imports everything the package exports should pay at most (issue 15). */
export const EVERYTHING_GOAL_GZIP_BYTES = 9 * 1024;

/**
 * The ceiling `pnpm test` enforces against regressions (such as Ajv's runtime creeping back in):
 * the measured bytes and a small margin. Lower it whenever the bundle shrinks. Raised from 7,600
 * (7,464 measured) to 11,300 (11,126 measured) by the lifecycle: success bodies checked against
 * the spec's response schema, per-call settings, withResponse, the logger hook, a token function,
 * options checked in a module of their own, and every lifecycle operation as a method of the
 * client (issues 9 and 10). Lowered to 11,230 (11,211 measured) by issue 15: one retry decision
 * per attempt in the transport, one signing chain, equal request schemas emitted once, the auth
 * option's fields read once. Raised to 11,450 (11,433 measured), still issue 15: the operations
 * hand their requests to the transport directly instead of through a Request that openapi-fetch
 * builds and the transport reads back (AK/SK calls 1.13× bare openapi-fetch before, 0.93× after),
 * with the way through `client.api` kept for its middleware; the cuts of the same change (one
 * time-limit helper, number and enum checks left out of bundles that need none) gave back part of
 * it (that direct path was removed again by issue 24). An app that needs only the save imports createNotebookImageCore and saveInstanceAsImage:
 * 9,695 bytes. Raised to 12,450 (12,366 measured) on 7 Dec 2026 for what issues 21, 23 and 25 added
 * to every client: Huawei's region catalogue generated from the SDK's table (22 hosts) with the
 * SDK's per-region endpoint override, SDK-HMAC-SM3 and the security token as auth options, the
 * connection headers refused before sending, credentials hidden in a quoted base URL, and hints
 * that follow the call and the credential (issue 24 retired the old size goal). Lowered to 11,950
 * (11,873 measured; save-only 9,981, was 10,518) by issue 24's one request path: the operations
 * call `core.api` and the direct path beside it is gone, signing is one async function without
 * the sync/async helpers, the options have one strict check (the dry run moved to the CLI).
 * Raised to 12,000 (11,966 measured) when waitForImage moved onto the polling loop it shared by
 * copy with waitForNotebook (operations/poll-until.ts): one loop costs 16 B more than the copy.
 * Raised to 12,050 (12,003 measured) when listImages and listNotebooks came to share their page
 * reading and paging (operations/pages.ts) instead of each holding a copy. Lowered to 12,040
 * (12,017 measured; save-only 10,007, was 10,016) when the request checker learnt lists for the
 * notebook bodies: one list of issues shared down the walk and one call of a table's own checks.
 * Raised to 12,100 (12,081 measured) when AK/SK signing came to do less work per call for issue
 * 24's overhead goal (canonicalUri re-encodes only the runs of the path that need it, the date's
 * digits taken by position, the header lines built in one loop): 2 µs less CPU per call for 64 B.
 */
export const SIZE_LIMIT_GZIP_BYTES = 12_100;

/** The browser bundle of createNotebookImageClient. */
export const measureClientBundle = () =>
  measureBrowserBundle('export { createNotebookImageClient } from "@notebook-image/client";', benchDir);

/** An app that saves only: the core and the one operation (the others must tree-shake away). */
export const measureSaveOnlyBundle = () =>
  measureBrowserBundle(
    'export { createNotebookImageCore, saveInstanceAsImage } from "@notebook-image/client";',
    benchDir,
  );

/** Everything the package's main entry exports. */
export const measureEverythingBundle = () =>
  measureBrowserBundle('export * from "@notebook-image/client";', benchDir);

export async function benchSize() {
  const bundle = await measureClientBundle();
  const saveOnly = await measureSaveOnlyBundle();
  const everything = await measureEverythingBundle();
  // The floor: what any app using openapi-fetch pays before the client adds anything.
  const openapiFetchAlone = await measureBrowserBundle('export { default } from "openapi-fetch";', benchDir);
  return {
    minifiedBytes: bundle.minifiedBytes,
    gzipBytes: bundle.gzipBytes,
    openapiFetchAloneGzipBytes: openapiFetchAlone.gzipBytes,
    saveOnlyGzipBytes: saveOnly.gzipBytes,
    everythingGzipBytes: everything.gzipBytes,
    inputs: Object.entries(bundle.modules).map(([file, bytes]) => ({ file, bytes })),
    // Anything left unbundled would be a Node-only import in the browser entry.
    externalImports: bundle.nodeImports,
  };
}
