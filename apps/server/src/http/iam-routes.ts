// The one IAM call a token user makes, POST /v3/auth/tokens (spec/iam.yaml, bundled as
// @notebook-image/spec/iam-openapi.json): a token for one project, proved by a user's password or
// by the request's AK/SK signature, given in X-Subject-Token and accepted by the gateway until it
// expires. The body is validated with the document's own schema.
import type { components } from "@notebook-image/spec/iam-types";
import type { SpecDocument } from "@notebook-image/spec/reader";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Clock } from "../domain/clock.js";
import * as refusal from "../generated/refusals.js";
import { sendError } from "./error-body.js";
import type { createGatewayAuth } from "./gateway-auth.js";
import { parseJsonBody } from "./json-body.js";
import { RequestInvalid, requestValidators } from "./request-validator.js";
import { sameSecret } from "./secrets.js";

type TokenRequest = components["schemas"]["TokenRequest"];
type TokenResponse = components["schemas"]["TokenResponse"];

/** An IAM user who may get a token with a password. */
export interface IamUser {
  id: string;
  name: string;
  password: string;
}

export interface IamRoutesOptions {
  /** The IAM document (specDocument("iam-openapi")). */
  document: SpecDocument;
  auth: ReturnType<typeof createGatewayAuth>;
  users: readonly IamUser[];
  /** Projects the users may get tokens for. */
  projectIds: readonly string[];
  /** How long a token is valid (IAM's: 24 hours). */
  tokenTtlMs: number;
  clock: Clock;
}

/** IAM's tokens are valid for 24 hours. */
export const IAM_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

export function registerIamRoutes(app: FastifyInstance, options: IamRoutesOptions): void {
  const operation = options.document.operation("KeystoneCreateUserToken");
  const validator = requestValidators.operation(operation);

  app.post(operation.path, async (request: FastifyRequest, reply: FastifyReply) => {
    let body: TokenRequest;
    try {
      // No body at all is refused by the schema, as null.
      body = validator.body(parseJsonBody(request.body) ?? null) as TokenRequest;
    } catch (error) {
      const why = error instanceof RequestInvalid ? error.message : "The request body is not valid JSON.";
      return sendError(request, reply, refusal.tokenRequestAbnormal({ reason: why }));
    }
    const [method] = body.auth.identity.methods;
    const projectId = body.auth.scope.project.id;
    let user: { id: string; name: string };
    let projects: readonly string[];
    if (method === "password") {
      const given = body.auth.identity.password?.user;
      const found = options.users.find((u) => u.name === given?.name);
      // The password is compared even for an unknown name, so the answer takes as long either way.
      const matches = sameSecret(found?.password ?? "", given?.password ?? "");
      if (!found || !given || !matches) {
        return sendError(
          request,
          reply,
          refusal.authenticationFailed({ reason: "the user name or the password is wrong" }),
        );
      }
      user = { id: found.id, name: found.name };
      projects = options.projectIds;
    } else {
      const result = await options.auth.authenticate({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: request.body instanceof Buffer ? request.body : undefined,
      });
      if (!result.ok) return sendError(request, reply, result);
      if (!result.credential.startsWith("ak:")) {
        return sendError(
          request,
          reply,
          refusal.authenticationFailed({ reason: "hw_ak_sk needs a request signed with an access key" }),
        );
      }
      const accessKey = result.credential.slice("ak:".length);
      user = { id: accessKey, name: accessKey };
      projects = result.projects;
    }
    if (!projects.includes(projectId)) {
      return sendError(request, reply, refusal.projectNotAllowed({ projectId, user: user.name }));
    }
    const issuedAt = options.clock.now();
    const { token, expiresAt } = options.auth.issueToken([projectId], options.tokenTtlMs);
    const answer: TokenResponse = {
      token: {
        expires_at: new Date(expiresAt).toISOString(),
        issued_at: new Date(issuedAt).toISOString(),
        methods: [method as string],
        project: { id: projectId },
        user,
      },
    };
    return reply.code(201).header("x-subject-token", token).send(answer);
  });
}
