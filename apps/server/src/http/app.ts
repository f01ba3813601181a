// The fastify application: the spec's operations, the control API, and what every response gets
// (X-Request-Id, ModelArts error bodies, 413 APIGW.0201 over 12 MB, APIGW.0101 for unknown APIs).
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import type { ControlGuard } from "../control/control-guard.js";
import { registerControlRoutes } from "../control/control-routes.js";
import type { ControlService } from "../control/control-service.js";
import { DomainError } from "../domain/domain-error.js";
import type { ImageService } from "../domain/image-service.js";
import { operationHandlers, registerApiRoutes } from "./api-routes.js";
import { sendError } from "./error-body.js";
import type { createGatewayAuth } from "./gateway-auth.js";
import type { HostRule } from "./host-names.js";
import { newRequestId, REQUEST_ID_HEADER } from "./request-id.js";
import { RequestInvalid, type SchemaValidators } from "./request-validator.js";
import type { SpecDocument } from "./spec-document.js";

/** The API gateway's limit on a request body. */
export const BODY_LIMIT_BYTES = 12 * 1024 * 1024;

/** Where secrets could appear in a log line; pino replaces them before the line is written. */
export const REDACTED_PATHS = [
  'req.headers["x-auth-token"]',
  "req.headers.authorization",
  'req.headers["x-control-token"]',
  'req.headers["x-security-token"]',
  'headers["x-auth-token"]',
  "headers.authorization",
  "secretKey",
  "token",
];

export interface AppOptions {
  spec: SpecDocument;
  validators: SchemaValidators;
  auth: ReturnType<typeof createGatewayAuth>;
  images: ImageService;
  control?: { service: ControlService; guard: ControlGuard } | undefined;
  /**
   * Set when bound to loopback: the API routes answer requests to the server's own names only, so
   * that a web page cannot reach them through a rebound DNS name of its own.
   */
  apiHosts?: HostRule | undefined;
  logger: NonNullable<FastifyServerOptions["logger"]>;
}

export function buildApp(options: AppOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger,
    genReqId: newRequestId,
    requestIdHeader: false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Close keeps-alive sockets at once instead of waiting for clients to hang up.
    forceCloseConnections: true,
    return503OnClosing: true,
  });

  // Bodies are kept as the bytes received: an AK/SK signature covers exactly those, and malformed
  // JSON is answered (4105) after authentication, as the service behind the gateway would.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

  app.addHook("onRequest", async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof RequestInvalid) return sendError(request, reply, 400, error.code, error.message);
    if (error instanceof DomainError)
      return sendError(request, reply, error.httpStatus, error.code, error.message);
    const code = (error as { code?: string }).code;
    if (code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      return sendError(
        request,
        reply,
        413,
        "APIGW.0201",
        "Request entity too large: the body exceeds 12 MB.",
      );
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      // A request fastify could not read (bad Content-Length, bad URL encoding...).
      return sendError(
        request,
        reply,
        400,
        "ModelArts.0101",
        `Invalid request: ${(error as Error).message}.`,
      );
    }
    request.log.error({ err: error }, "request failed");
    return sendError(request, reply, 500, "ModelArts.0010", "Internal error.");
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(
      request,
      reply,
      404,
      "APIGW.0101",
      `The API does not exist or has not been published in the environment: ${request.method} ${request.url.split("?")[0]}.`,
    ),
  );

  const { apiHosts } = options;
  app.register(async (api) => {
    if (apiHosts) {
      api.addHook("onRequest", async (request, reply) => {
        if (apiHosts.hostAllowed(request.headers.host)) return undefined;
        return sendError(
          request,
          reply,
          404,
          "APIGW.0101",
          `The API does not exist or has not been published in the environment: this server answers requests to ${apiHosts.described} (more with --allowed-host), not Host "${request.headers.host ?? ""}".`,
        );
      });
    }
    registerApiRoutes(api, {
      spec: options.spec,
      validators: options.validators,
      auth: options.auth,
      handlers: operationHandlers(options.images),
    });
  });
  if (options.control) {
    registerControlRoutes(app, { ...options.control, spec: options.spec, validators: options.validators });
  }
  return app;
}
