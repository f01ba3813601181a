// The fastify application: the spec's operations, the control API, and what every response gets
// (X-Request-Id, ModelArts error bodies, 413 APIGW.0201 over 12 MB, APIGW.0101 for unknown APIs).
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { SpecDocument } from "@notebook-image/spec/reader";
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from "fastify";
import type { ControlGuard } from "../control/control-guard.js";
import { REQUEST_LOG_PATH, registerControlRoutes } from "../control/control-routes.js";
import type { ControlService } from "../control/control-service.js";
import { DomainError } from "../domain/domain-error.js";
import type { ImageService } from "../domain/image-service.js";
import * as refusal from "../generated/refusals.js";
import { operationHandlers, registerApiRoutes } from "./api-routes.js";
import { sendError } from "./error-body.js";
import type { createGatewayAuth } from "./gateway-auth.js";
import type { HostRule } from "./host-names.js";
import { type IamRoutesOptions, registerIamRoutes } from "./iam-routes.js";
import { newRequestId, REQUEST_ID_HEADER } from "./request-id.js";
import { createRequestLog } from "./request-log.js";
import { OneRecordPerRequest } from "./request-logging.js";
import { RequestInvalid } from "./request-validator.js";

/** The API gateway's limit on a request body. */
export const BODY_LIMIT_BYTES = 12 * 1024 * 1024;

/**
 * How long a client may take, so that nothing holds a connection forever (a client that sends
 * headers and 4 of 1,000 body bytes, then nothing). A request that keeps making progress is limited
 * only by `requestMs`: 12 MB in 10 minutes is 20 KB/s.
 */
export interface HttpTimeouts {
  /** No byte received (or sent) on a connection for this long: it is closed. */
  idleMs: number;
  /** The request's headers not all received after this long: 408. */
  headersMs: number;
  /** The whole request (headers and body) not received after this long: 408. */
  requestMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  idleMs: 30_000,
  headersMs: 30_000,
  requestMs: 600_000,
};

/**
 * Longest path parameter fastify routes (its default, 100, answered 414 in its own error shape):
 * the spec's own rules then refuse an over-long id with 6336 naming it. Node's 16 KB limit on a
 * request's headers bounds the URL anyway.
 */
const MAX_PARAM_LENGTH = 16 * 1024;

/** Where secrets could appear in a log line; pino replaces them before the line is written. */
export const REDACTED_PATHS = [
  'req.headers["x-auth-token"]',
  "req.headers.authorization",
  'req.headers["x-control-token"]',
  'req.headers["x-security-token"]',
  "req.headers.cookie",
  'req.headers["proxy-authorization"]',
  'headers["x-auth-token"]',
  "headers.authorization",
  "headers.cookie",
  'headers["proxy-authorization"]',
  "secretKey",
  "token",
];

export interface AppOptions {
  spec: SpecDocument;
  auth: ReturnType<typeof createGatewayAuth>;
  images: ImageService;
  control?: { service: ControlService; guard: ControlGuard; document: SpecDocument } | undefined;
  /** POST /v3/auth/tokens, IAM's token call (spec/iam.yaml). */
  iam?: Omit<IamRoutesOptions, "auth"> | undefined;
  /**
   * Set when bound to loopback: the API routes answer requests to the server's own names only, so
   * that a web page cannot reach them through a rebound DNS name of its own.
   */
  apiHosts?: HostRule | undefined;
  logger: NonNullable<FastifyServerOptions["logger"]>;
  timeouts?: HttpTimeouts | undefined;
}

function noRouteSchemas(): never {
  throw new Error("routes here declare no schema: requests are checked by request-validator.ts");
}

export function buildApp(options: AppOptions): FastifyInstance {
  const timeouts = options.timeouts ?? DEFAULT_HTTP_TIMEOUTS;
  const app = Fastify({
    logger: options.logger,
    genReqId: newRequestId,
    requestIdHeader: false,
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Close keeps-alive sockets at once instead of waiting for clients to hang up.
    forceCloseConnections: true,
    return503OnClosing: true,
    // One record per request, written when it is answered, not fastify's two.
    logController: new OneRecordPerRequest(),
    connectionTimeout: timeouts.idleMs,
    requestTimeout: timeouts.requestMs,
    http: {
      headersTimeout: timeouts.headersMs,
      // How often Node looks for requests over headersTimeout/requestTimeout (default 30 s).
      connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs),
    },
    // The path routed is the path signed: an AK/SK signature covers the path with its dot segments
    // resolved (`/a/../b` is `/b`, as WHATWG URL and the gateway read it), so routing reads it so too.
    rewriteUrl: (request) => canonicalUrl(request.url ?? "/"),
    // Errors met before a route is chosen (bad percent-encoding in the path) answer like the rest.
    frameworkErrors: (error, request, reply) => answerUnreadable(error, request, reply),
    // Errors met before a request exists at all (431, 408, a malformed request line).
    clientErrorHandler: (error, socket) => answerClientError(error, socket),
    // No route declares a schema (request-validator.ts checks requests against the spec): fastify's
    // own Ajv and fast-json-stringify compilers are never loaded, which took a fifth of a start.
    schemaController: {
      compilersFactory: { buildValidator: noRouteSchemas, buildSerializer: noRouteSchemas },
    },
  });

  // Bodies are kept as the bytes received: an AK/SK signature covers exactly those, and malformed
  // JSON is answered (4105) after authentication, as the service behind the gateway would.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

  app.addHook("onRequest", async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  const requestLog = createRequestLog();
  app.addHook("onResponse", async (request, reply) => {
    const path = request.url.split("?")[0] as string;
    // The console polls the log itself: its own calls would push out what it is there to show.
    if (path === REQUEST_LOG_PATH) return;
    requestLog.record({
      id: request.id,
      method: request.method,
      path,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      at: Math.round(Date.now() - reply.elapsedTime),
    });
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof RequestInvalid || error instanceof DomainError)
      return sendError(request, reply, error);
    const code = (error as { code?: string }).code;
    if (code === "FST_ERR_CTP_BODY_TOO_LARGE") return sendError(request, reply, refusal.bodyTooLarge());
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500)
      return answerUnreadable(error as Error, request, reply);
    request.log.error({ err: error }, "request failed");
    return sendError(request, reply, refusal.internalError());
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(
      request,
      reply,
      refusal.apiNotFound({ detail: `${request.method} ${request.url.split("?")[0]}` }),
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
          refusal.apiNotFound({
            detail: `this server answers requests to ${apiHosts.described} (more with --allowed-host), not Host "${request.headers.host ?? ""}"`,
          }),
        );
      });
    }
    registerApiRoutes(api, {
      spec: options.spec,
      auth: options.auth,
      handlers: operationHandlers(options.images),
    });
  });
  if (options.control) {
    registerControlRoutes(app, { ...options.control, requestLog });
  }
  if (options.iam) registerIamRoutes(app, { ...options.iam, auth: options.auth });
  return app;
}

/** Path and query of a request target with its dot segments resolved, as the signature check reads it. */
export function canonicalUrl(target: string): string {
  if (!target.includes(".")) return target;
  try {
    const url = new URL(target, "http://host.invalid");
    return `${url.pathname}${url.search}`;
  } catch {
    return target;
  }
}

/**
 * The spec's refusal of a request that could not be read at all (ModelArts.0101), with the status
 * HTTP gives its reason when it has one of its own (408 for one not received in time, 431 for
 * headers over the limit) instead of the code's 400.
 */
function unreadableRequest(reason: string, httpStatus: number) {
  return { ...refusal.invalidRequest({ reason }), httpStatus };
}

/** A request fastify could not read (bad Content-Length, bad URL encoding, a body cut short...). */
function answerUnreadable(error: Error, request: FastifyRequest, reply: FastifyReply) {
  const status = (error as { statusCode?: number }).statusCode;
  return sendError(
    request,
    reply,
    unreadableRequest(error.message.replace(/\.$/, ""), status === 408 ? 408 : 400),
  );
}

/**
 * What Node's HTTP parser refused, answered on the socket itself (there is no request object): in
 * the API's error shape with an X-Request-Id of its own, then the connection is closed.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex) {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const answer =
    error.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? unreadableRequest("the request was not received in time", 408)
      : error.code === "HPE_HEADER_OVERFLOW"
        ? unreadableRequest("the request's headers are larger than 16 KB", 431)
        : unreadableRequest(`the request is not valid HTTP/1.1 (${error.code ?? error.message})`, 400);
  const requestId = newRequestId();
  const body = JSON.stringify({ error_code: answer.code, error_msg: answer.message });
  if (socket.writable) {
    const status = answer.httpStatus;
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n${REQUEST_ID_HEADER}: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
