// One log record per request, written when it has been answered: what was asked (method, URL,
// headers, secrets redacted by pino), the status and how long it took, under the request's id, with
// a message that reads on its own line (`GET /v1/…/images 200 3 ms`). Fastify's default writes two
// records per request (received, completed), which doubled the output of a page that polls every
// second. Fastify's LogController is the documented place to change its request log lines.
import { type FastifyReply, type FastifyRequest, LogController } from "fastify";

export class OneRecordPerRequest extends LogController {
  override incomingRequest(): void {
    // Logged once answered, with the status: see requestCompleted.
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const fields = { req: request, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime };
    const line = `${request.method} ${request.url} ${reply.statusCode} ${Math.round(reply.elapsedTime)} ms`;
    if (error) reply.log.error({ ...fields, err: error }, line);
    else reply.log.info(fields, line);
  }
}
