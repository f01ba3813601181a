// The error bodies of the service: `{ error_code, error_msg }`, and for the API gateway's own
// errors (APIGW.*) the `request_id` too, as the gateway sends it.
import type { FastifyReply, FastifyRequest } from "fastify";
import { REQUEST_ID_HEADER } from "./request-id.js";

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  httpStatus: number,
  code: string,
  message: string,
): FastifyReply {
  const body: Record<string, string> = { error_code: code, error_msg: message };
  if (code.startsWith("APIGW.")) body.request_id = request.id;
  // Also set here: an error met before the onRequest hooks (a malformed path) has no header yet.
  return reply.code(httpStatus).header(REQUEST_ID_HEADER, request.id).type("application/json").send(body);
}
