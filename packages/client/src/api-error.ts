// Maps an error response to ModelArtsApiError, whatever its body: the documented
// `{ error_code, error_msg }`, an API gateway body, an IAM-style `{ error: { code, message } }`,
// plain text, or nothing at all.
import { ModelArtsApiError } from "./errors.js";
import { parseRetryAfter } from "./retry.js";

type Fields = Record<string, unknown> | undefined;

export function toApiError(response: Response, body: unknown): ModelArtsApiError {
  const parsed = body === "" ? undefined : body;
  const record = (parsed && typeof parsed === "object" ? parsed : undefined) as Fields;
  const nested = (record?.error && typeof record.error === "object" ? record.error : undefined) as Fields;
  return new ModelArtsApiError(
    {
      status: response.status,
      errorCode: text(record?.error_code ?? nested?.code),
      errorMsg: text(record?.error_msg ?? nested?.message),
      requestId: response.headers.get("x-request-id") ?? text(record?.request_id),
      retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
      body: parsed,
    },
    response.statusText,
  );
}

/** A non-empty string, or undefined: an empty or non-string field says nothing. */
const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
