// A request body as fastify hands it over (raw bytes: app.ts parses no content type itself), read as
// JSON: the one place that turns those bytes into a value. Each API answers a failure in its own
// words (ModelArts, IAM, the control API), so this says why and leaves the answer to them.

/** The body is not JSON; `reason` says where it breaks (JSON.parse's words). */
export class InvalidJsonBody extends Error {
  constructor(readonly reason: string) {
    super(`The request body is not valid JSON: ${reason}.`);
  }
}

/** The body's JSON value; undefined when there is no body (none, empty, or only whitespace). */
export function parseJsonBody(raw: unknown): unknown {
  const text = raw instanceof Buffer ? raw.toString("utf8") : "";
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidJsonBody(error instanceof Error ? error.message : String(error));
  }
}
