// The error bodies of the service: `{ error_code, error_msg }`, and for the API gateway's own
// errors (APIGW.*) the `request_id` too, as the gateway sends it.
import type { FastifyReply, FastifyRequest } from "fastify";

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  httpStatus: number,
  code: string,
  message: string,
): FastifyReply {
  const body: Record<string, string> = { error_code: code, error_msg: message };
  if (code.startsWith("APIGW.")) body.request_id = request.id;
  return reply.code(httpStatus).type("application/json").send(body);
}
