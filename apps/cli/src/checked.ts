// The body and the query once the client's validators have nothing against them: the types the
// client's calls take, without a cast. Execute checks them before any call; a failure here is a bug.
import {
  type CreateImageRequest,
  type ListImagesQuery,
  validateCreateImageRequest,
  validateListImagesQuery,
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
