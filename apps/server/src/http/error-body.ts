// The error bodies of the service: `{ error_code, error_msg }`, and for the API gateway's own
// errors (APIGW.*, isGatewayCode) the `request_id` too, as the gateway sends it.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Refusal } from "../domain/domain-error.js";
import { isGatewayCode } from "../generated/refusals.js";
import { REQUEST_ID_HEADER } from "./request-id.js";

/** An error is answered with a refusal of the spec's (src/generated/refusals.ts), of either document. */
export function sendError(request: FastifyRequest, reply: FastifyReply, answer: Refusal): FastifyReply {
  const body: Record<string, string> = { error_code: answer.code, error_msg: answer.message };
  if (isGatewayCode(answer.code)) body.request_id = request.id;
  // Also set here: an error met before the onRequest hooks (a malformed path) has no header yet.
  return reply
    .code(answer.httpStatus)
    .header(REQUEST_ID_HEADER, request.id)
    .type("application/json")
    .send(body);
}
