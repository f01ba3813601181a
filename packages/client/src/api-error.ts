// Maps an error response to ModelArtsApiError, whatever its body: the documented
// `{ error_code, error_msg }`, an API gateway body, an IAM-style `{ error: { code, message } }`,
// plain text, or nothing at all.
import { ModelArtsApiError } from "./errors.js";
import { parseRetryAfter } from "./retry.js";

export function toApiError(response: Response, body: unknown): ModelArtsApiError {
  const parsed = body === "" ? undefined : body;
  const fields = errorFields(parsed);
  return new ModelArtsApiError(
    {
      status: response.status,
      errorCode: fields.code,
      errorMsg: fields.msg,
      requestId: response.headers.get("x-request-id") ?? fields.requestId,
      retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
      body: parsed,
    },
    response.statusText,
  );
}

function errorFields(body: unknown): { code?: string; msg?: string; requestId?: string } {
  if (!body || typeof body !== "object") return {};
  const record = body as Record<string, unknown>;
  const nested =
    record.error && typeof record.error === "object" ? (record.error as Record<string, unknown>) : {};
  return {
    ...str("code", record.error_code ?? nested.code),
    ...str("msg", record.error_msg ?? nested.message),
    ...str("requestId", record.request_id),
  };
}

const str = (key: string, value: unknown) =>
  typeof value === "string" && value !== "" ? { [key]: value } : {};
