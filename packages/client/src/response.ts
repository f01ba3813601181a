// Reading a success body: JSON, and the shape the contract promises (required fields, types).
// Anything else is an UnexpectedResponseError carrying the status, the request id and the body,
// never a bare SyntaxError or an object that only looks like an image.
import type { Answer } from "./call.js";
import { UnexpectedResponseError } from "./errors.js";
import { type ResponseShape, shapeProblems } from "./response-shape.js";

/** The parsed JSON of a body; `undefined` when it is empty; the text itself when it is not JSON. */
export function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The body of a success answer as `shape`. `what` names the thing expected ("an image"), `advice`
 * says what the caller should do when it is not that (such as "the save may have started").
 */
export function readBody<T>(answer: Answer, shape: ResponseShape, what: string, advice = ""): T {
  const { response, text } = answer;
  const body = parseJson(text);
  const problems = typeof body === "string" ? ["the body is not JSON"] : shapeProblems(shape, body);
  if (problems.length > 0) {
    throw new UnexpectedResponseError(
      `${response.status}: the response is not ${what} (${problems.join("; ")})${advice && `; ${advice}`}`,
      { status: response.status, requestId: response.headers.get("x-request-id") ?? undefined, body },
    );
  }
  return body as T;
}
