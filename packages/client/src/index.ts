// @notebook-image/client: the public API. Everything exported here is stable.
export type { AkSkAuth, Auth, PartialAkSkAuth, TokenAuth, TokenProvider } from "./auth/authenticate.js";
export { ACCESS_KEY_PLACEHOLDER, SIGNATURE_PLACEHOLDER } from "./auth/authenticate.js";
export type { ApiCall, CallOptions, ResponseInfo, WithResponse } from "./call.js";
export { createNotebookImageClient, type NotebookImageClient } from "./client.js";
export { closestMatch, editDistance } from "./closest-match.js";
export { createNotebookImageCore, type NotebookImageCore } from "./core.js";
export {
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_RETRIES,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_WAIT_TIMEOUT_MS,
} from "./defaults.js";
export { isLoopbackHost } from "./endpoint.js";
export { explainErrorCode } from "./error-hints.js";
export {
  ModelArtsApiError,
  NetworkError,
  NotebookImageError,
  RequestValidationError,
  TimeoutError,
  UnexpectedResponseError,
  type ValidationIssue,
} from "./errors.js";
export { CREATE_IMAGE_FIELDS, type FieldInfo } from "./fields.js";
export type { components, operations, paths } from "./generated/openapi.js";
export { DEFAULT_REGION, OPERATIONS, REGIONS } from "./generated/spec-facts.js";
export { HTTP_TOKEN } from "./headers.js";
export { type AttemptEvent, type AttemptLogger, REDACTED, redactHeaders } from "./log.js";
export { saveInstanceAsImage } from "./operations/save-instance-as-image.js";
export { type NotebookImageClientOptions, validateClientOptions } from "./options.js";
export { type PreparedRequest, type PrepareOptions, prepareRequest } from "./prepare.js";
export type { RetryEvent, RetryOptions } from "./retry.js";
export type {
  CreateImageOperation,
  CreateImageRequest,
  Image,
  ImageStatus,
  KnownRegion,
  ModelArtsErrorBody,
  Region,
} from "./types.js";
export { validateCreateImageRequest, validateInstanceId, validateProjectId } from "./validation.js";
