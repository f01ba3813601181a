// The body and the query once the client's validators have nothing against them: the types the
// client's calls take, without a cast. Execute checks them before any call; a failure here is a bug.
import {
  type CreateImageRequest,
  type CreateNotebookRequest,
  type ListImagesQuery,
  type ListNotebooksQuery,
  type NotebookLeaseRequest,
  type StartNotebookQuery,
  type UpdateNotebookRequest,
  validateCreateImageRequest,
  validateCreateNotebookRequest,
  validateLeaseRequest,
  validateListImagesQuery,
  validateListNotebooksQuery,
  validateStartNotebookQuery,
  validateUpdateNotebookRequest,
} from "@notebook-image/client";

const isCreateImageRequest = (body: unknown): body is CreateImageRequest =>
  validateCreateImageRequest(body).length === 0;
const isListImagesQuery = (query: unknown): query is ListImagesQuery =>
  validateListImagesQuery(query).length === 0;

export function checkedBody(body: unknown): CreateImageRequest {
  if (!isCreateImageRequest(body)) throw new Error("the body was not checked before the call");
  return body;
}

export function checkedQuery(query: unknown): ListImagesQuery {
  if (!isListImagesQuery(query)) throw new Error("the query was not checked before the call");
  return query;
}

const isCreateNotebookRequest = (body: unknown): body is CreateNotebookRequest =>
  validateCreateNotebookRequest(body).length === 0;
const isListNotebooksQuery = (query: unknown): query is ListNotebooksQuery =>
  validateListNotebooksQuery(query).length === 0;
const isStartNotebookQuery = (query: unknown): query is StartNotebookQuery =>
  validateStartNotebookQuery(query).length === 0;

export function checkedNotebookBody(body: unknown): CreateNotebookRequest {
  if (!isCreateNotebookRequest(body)) throw new Error("the notebook body was not checked before the call");
  return body;
}

export function checkedNotebookQuery(query: unknown): ListNotebooksQuery {
  if (!isListNotebooksQuery(query)) throw new Error("the notebook query was not checked before the call");
  return query;
}

export function checkedStartQuery(query: unknown): StartNotebookQuery {
  if (!isStartNotebookQuery(query)) throw new Error("the start query was not checked before the call");
  return query;
}

const isUpdateNotebookRequest = (body: unknown): body is UpdateNotebookRequest =>
  validateUpdateNotebookRequest(body).length === 0;
const isLeaseRequest = (body: unknown): body is NotebookLeaseRequest =>
  validateLeaseRequest(body).length === 0;

export function checkedUpdateBody(body: unknown): UpdateNotebookRequest {
  if (!isUpdateNotebookRequest(body)) throw new Error("the update body was not checked before the call");
  return body;
}

export function checkedLease(body: unknown): NotebookLeaseRequest {
  if (!isLeaseRequest(body)) throw new Error("the lease was not checked before the call");
  return body;
}
