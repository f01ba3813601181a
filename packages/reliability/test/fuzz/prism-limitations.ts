// Calls that the Prism mock cannot judge, excluded from the differential comparison and pinned by
// prism-limitations.test.ts so that we notice when a Prism upgrade fixes them.
import { requestSchema } from "../support/spec.js";

/**
 * Prism (@stoplight/prism-http-server 5.16) copies its validation messages into an `sl-violations`
 * response header, and the message for an unknown field quotes the field's name. Node refuses a
 * header value with a character outside tab, 0x20-0x7E and 0x80-0xFF (after JSON.stringify, which
 * escapes control characters and lone surrogates), and Prism lets that TypeError escape: the whole
 * mock process exits. Known upstream: stoplightio/prism#1934 (non-ASCII text in violation headers).
 */
const NODE_INVALID_HEADER_CHARACTER = /[^\t\x20-\x7e\x80-\xff]/;
const knownFields = new Set(Object.keys(requestSchema.properties));

export function crashesPrism(body: unknown): boolean {
  if (!body || typeof body !== "object" || Array.isArray(body)) return false;
  return Object.keys(body).some(
    (key) => !knownFields.has(key) && NODE_INVALID_HEADER_CHARACTER.test(JSON.stringify(key)),
  );
}
