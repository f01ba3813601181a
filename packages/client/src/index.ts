// @notebook-image/client: the public API. Everything exported here is stable.
export type { AkSkAuth, Auth, TokenAuth } from "./auth/authenticate.js";
export {
  type CallOptions,
  createNotebookImageClient,
  type NotebookImageClient,
  type NotebookImageClientOptions,
} from "./client.js";
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
export type { components, operations, paths } from "./generated/openapi.js";
export { DEFAULT_REGION, REGIONS } from "./generated/spec-facts.js";
export type { RetryEvent, RetryOptions } from "./retry.js";
export type {
  CreateImageOperation,
  CreateImageRequest,
  Image,
  ImageStatus,
  ModelArtsErrorBody,
  Region,
} from "./types.js";
export { validateCreateImageRequest, validateInstanceId, validateProjectId } from "./validation.js";
