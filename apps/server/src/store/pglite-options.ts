// How the server runs PGlite: one place for the options, used by the template build and every open.
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { INT8_OID, parseInt8 } from "./int8.js";

/**
 * PostgreSQL's default shared_buffers (128MB) lives inside PGlite's WASM memory and makes most of
 * its resident size. 16MB keeps an idle server near 210 MiB instead of ~300 MiB; what it costs is
 * a smaller page cache, which this server's tables (a few MB for 10,000 images) do not notice.
 */
const SHARED_BUFFERS = "16MB";

export function pgliteOptions(extra: PGliteOptions = {}): PGliteOptions {
  return {
    // PGlite's own start parameters (single-user mode, no parallel workers...) plus ours.
    startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${SHARED_BUFFERS}`],
    parsers: { [INT8_OID]: parseInt8 },
    ...extra,
  };
}
