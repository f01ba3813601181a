// @notebook-image/client: the public API. Everything exported here is stable.
export type { AkSkAuth, Auth, TokenAuth, TokenProvider } from "./auth/authenticate.js";
export type { ApiCall, CallOptions, ResponseInfo, WithResponse } from "./call.js";
export { createNotebookImageClient, type NotebookImageClient } from "./client.js";
export { type AttemptOverrides, createNotebookImageCore, type NotebookImageCore } from "./core.js";
export {
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_RETRIES,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_WAIT_TIMEOUT_MS,
} from "./defaults.js";
export { regionEndpointEnvName, regionEndpointsFromEnv } from "./endpoint.js";
export { type ErrorHintContext, explainErrorCode } from "./error-hints.js";
export {
  ImageSaveFailedError,
  ModelArtsApiError,
  NetworkError,
  NotebookFailedError,
  NotebookImageError,
  RequestValidationError,
  TimeoutError,
  UnexpectedResponseError,
  type ValidationIssue,
} from "./errors.js";
export {
  CREATE_IMAGE_FIELDS,
  CREATE_NOTEBOOK_FIELDS,
  type FieldInfo,
  LIST_IMAGES_QUERY_FIELDS,
  LIST_NOTEBOOKS_QUERY_FIELDS,
  RENEW_LEASE_FIELDS,
  START_NOTEBOOK_QUERY_FIELDS,
  UPDATE_NOTEBOOK_FIELDS,
} from "./fields.js";
export type { components, operations, paths } from "./generated/openapi.js";
export {
  DEFAULT_REGION,
  LIST_IMAGES_DEFAULT_LIMIT,
  LIST_NOTEBOOKS_DEFAULT_LIMIT,
  OPERATIONS,
  REGION_ENDPOINTS,
  REGIONS,
} from "./generated/spec-facts.js";
export { type AttemptEvent, type AttemptLogger, REDACTED, redactHeaders } from "./log.js";
export { createNotebook } from "./operations/create-notebook.js";
export { type DeleteImageOptions, deleteImage } from "./operations/delete-image.js";
export { findImage, type ImageIdentity } from "./operations/find-image.js";
export { getImage } from "./operations/get-image.js";
export { getNotebook } from "./operations/get-notebook.js";
export { type ImageList, listImages, listImagesPage } from "./operations/list-images.js";
export { listNotebooks, listNotebooksPage, type NotebookList } from "./operations/list-notebooks.js";
export { deleteNotebook, startNotebook, stopNotebook } from "./operations/notebook-actions.js";
export type { Page, PagedList } from "./operations/pages.js";
export type { PollOptions } from "./operations/poll-until.js";
export { renewNotebookLease } from "./operations/renew-notebook-lease.js";
export { type SaveAndWaitOptions, saveInstanceAsImageAndWait } from "./operations/save-and-wait.js";
export { saveInstanceAsImage } from "./operations/save-instance-as-image.js";
export { updateNotebook } from "./operations/update-notebook.js";
export {
  ACTIVE_IMAGE_STATUS,
  FAILED_IMAGE_STATUSES,
  type WaitOptions,
  type WaitProgress,
  waitForImage,
} from "./operations/wait-for-image.js";
export {
  FAILED_NOTEBOOK_STATUSES,
  NOTEBOOK_WAIT_TARGETS,
  type NotebookWaitOptions,
  waitForNotebook,
} from "./operations/wait-for-notebook.js";
export { type NotebookImageClientOptions, validateClientOptions } from "./options.js";
export type { RetryEvent, RetryOptions } from "./retry.js";
export type { RequestFetch } from "./transport.js";
export type {
  CreateImageOperation,
  CreateImageRequest,
  CreateNotebookRequest,
  Image,
  ImagePage,
  ImageStatus,
  KnownRegion,
  ListImagesQuery,
  ListNotebooksQuery,
  ModelArtsErrorBody,
  Notebook,
  NotebookLease,
  NotebookLeaseRequest,
  NotebookPage,
  NotebookStatus,
  Region,
  StartNotebookQuery,
  UpdateNotebookRequest,
} from "./types.js";
export {
  validateCreateImageRequest,
  validateCreateNotebookRequest,
  validateDeleteImageQuery,
  validateImageId,
  validateInstanceId,
  validateLeaseRequest,
  validateListImagesQuery,
  validateListNotebooksQuery,
  validateNotebookId,
  validateProjectId,
  validateStartNotebookQuery,
  validateUpdateNotebookRequest,
} from "./validation.js";
