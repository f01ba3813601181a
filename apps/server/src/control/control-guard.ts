// Who may call the control API. It changes what the server believes about the world (notebook
// statuses, time, faults), so: bound to loopback it answers callers on this machine only; bound to
// another interface it is off unless a control token is configured, which every control request must
// then carry (X-Control-Token). And a web page must not drive it: a page on any site can send a
// "simple" cross-origin request (no preflight) to 127.0.0.1, and through DNS rebinding even read the
// answer. So a control request must name this server in Host, must not come from a page elsewhere
// (Origin, sent by browsers with every cross-origin and every POST request), and its body, if any,
// must be declared application/json (a simple request can only be text/plain, form or multipart).
import type { FastifyReply, FastifyRequest } from "fastify";
import type { HostRule } from "../http/host-names.js";
import { isLoopback } from "../http/loopback.js";
import { textIssues } from "../http/request-validator.js";
import { sameDigest, secretDigest } from "../http/secrets.js";
import { CONTROL_TOKEN_HEADER } from "./control-token.js";

export interface ControlGuard {
  /** Bound to a loopback address: only loopback callers are served. */
  loopbackOnly: boolean;
  /** When set, every control request must send it as X-Control-Token. */
  token?: string | undefined;
  /** The names this server answers to (Host, Origin). */
  hosts: HostRule;
}

const hasBody = (request: FastifyRequest) =>
  request.headers["transfer-encoding"] !== undefined ||
  (request.headers["content-length"] !== undefined && request.headers["content-length"] !== "0");

const JSON_TYPE = /^application\/json\s*(;|$)/i;

export function controlError(reply: FastifyReply, httpStatus: number, message: string) {
  return reply.code(httpStatus).send({ error_code: `Control.${httpStatus}`, error_msg: message });
}

/** The hooks of the control API's routes: `onRequest` (who asks), `preHandler` (path parameters). */
export function createControlGuard(guard: ControlGuard) {
  const expectedToken = guard.token === undefined ? undefined : secretDigest(guard.token);
  return {
    async onRequest(request: FastifyRequest, reply: FastifyReply) {
      if (guard.loopbackOnly && !isLoopback(request.socket.remoteAddress)) {
        return controlError(reply, 403, "The control API answers callers on this machine only.");
      }
      if (!guard.hosts.hostAllowed(request.headers.host)) {
        return controlError(
          reply,
          403,
          `The control API answers requests to its own names only (${guard.hosts.described}; more with --allowed-host), not Host "${request.headers.host ?? ""}".`,
        );
      }
      const origin = request.headers.origin;
      if (origin !== undefined && !guard.hosts.originAllowed(origin)) {
        return controlError(
          reply,
          403,
          `The control API does not answer web pages of other sites (Origin "${origin}").`,
        );
      }
      if (expectedToken) {
        const sent = request.headers[CONTROL_TOKEN_HEADER];
        if (typeof sent !== "string" || !sameDigest(secretDigest(sent), expectedToken)) {
          return controlError(reply, 401, "The control API needs the control token in X-Control-Token.");
        }
      }
      if (hasBody(request) && !JSON_TYPE.test(request.headers["content-type"] ?? "")) {
        return controlError(
          reply,
          415,
          `The control API takes JSON bodies only: Content-Type must be application/json, not "${request.headers["content-type"] ?? ""}".`,
        );
      }
      return undefined;
    },
    /** An id the store could not even look up (U+0000) is refused, naming it. */
    async preHandler(request: FastifyRequest, reply: FastifyReply) {
      const issues = textIssues(request.params);
      if (issues.length > 0) return controlError(reply, 400, issues.map((i) => i.message).join("; "));
      return undefined;
    },
  };
}
