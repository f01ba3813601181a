// One route per operation of the spec, found by operationId: authenticated as the gateway does it,
// validated with the spec's schemas, then handed to the domain. An operation of the spec that no
// handler serves stops the server at start, so a spec change cannot go unserved silently.
import type { SpecDocument, SpecOperation } from "@notebook-image/spec/reader";
import type { components, operations } from "@notebook-image/spec/types";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { CreateImageRequest, ImageService, ListImagesInput } from "../domain/image-service.js";
import { leaseInput } from "../domain/notebook-lease.js";
import type {
  CreateNotebookRequest,
  ListNotebooksInput,
  UpdateNotebookRequest,
} from "../domain/notebook-operations.js";
import * as refusal from "../generated/refusals.js";
import { sendError } from "./error-body.js";
import type { createGatewayAuth } from "./gateway-auth.js";
import { InvalidJsonBody, parseJsonBody } from "./json-body.js";
import { notebookMatcher } from "./notebook-filters.js";
import {
  missingField,
  type OperationValidator,
  RequestInvalid,
  requestValidators,
} from "./request-validator.js";
import { imagePageView, imageView, leaseView, notebookPageView, notebookView } from "./views.js";

export interface OperationInput {
  projectId: string;
  path: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
}

type OperationHandler = (input: OperationInput) => Promise<unknown>;

/** What each operation of the spec does, by operationId: the domain's call, and its record as the body. */
export function operationHandlers(service: ImageService): Record<string, OperationHandler> {
  const id = (input: OperationInput) => input.path.id as string;
  return {
    createImage: async (input) =>
      imageView(await service.createImage(input.projectId, id(input), input.body as CreateImageRequest)),
    ShowImage: async (input) => imageView(await service.showImage(input.projectId, id(input))),
    ListImage: async (input) => {
      const query = input.query as ListImagesInput;
      return imagePageView(await service.listImages(input.projectId, query), query);
    },
    DeleteImage: async (input) => {
      // The force flag is a query parameter in the OTC docs and a JSON body in the current SDK.
      const body = (input.body ?? {}) as { is_force?: boolean };
      const force = input.query.force === true || body.is_force === true;
      return imageView(await service.deleteImage(input.projectId, id(input), force));
    },
    ShowNotebook: async (input) => notebookView(await service.showNotebook(input.projectId, id(input))),
    CreateNotebook: async (input) =>
      notebookView(await service.createNotebook(input.projectId, input.body as CreateNotebookRequest)),
    ListNotebooks: async (input) => {
      const query = input.query as ListNotebooksInput;
      return notebookPageView(
        await service.listNotebooks(input.projectId, query, notebookMatcher(query)),
        query,
      );
    },
    // A start's query gives the notebook's new lease (recorded and shown; no notebook here stops by itself).
    StartNotebook: async (input) => {
      const { duration, type } = input.query as StartQuery;
      const lease = leaseInput(duration, { type });
      return notebookView(await service.startNotebook(input.projectId, id(input), lease));
    },
    StopNotebook: async (input) => notebookView(await service.stopNotebook(input.projectId, id(input))),
    DeleteNotebook: async (input) => notebookView(await service.deleteNotebook(input.projectId, id(input))),
    UpdateNotebook: async (input) =>
      notebookView(
        await service.updateNotebook(input.projectId, id(input), input.body as UpdateNotebookRequest),
      ),
    RenewLease: async (input) => {
      const { duration } = input.query as RenewQuery;
      const lease = leaseInput(duration, input.body as LeaseBody | undefined);
      return leaseView(await service.renewLease(input.projectId, id(input), lease));
    },
  };
}

type StartQuery = NonNullable<operations["StartNotebook"]["parameters"]["query"]>;
type RenewQuery = NonNullable<operations["RenewLease"]["parameters"]["query"]>;
type LeaseBody = components["schemas"]["NotebookLeaseRequest"];

export interface ApiRoutesOptions {
  spec: SpecDocument;
  handlers: Record<string, OperationHandler>;
  auth: ReturnType<typeof createGatewayAuth>;
}

/** `/v1/{project_id}/images/{id}` → `/v1/:project_id/images/:id`. */
export const fastifyPath = (template: string) => template.replace(/\{([^}]+)\}/g, ":$1");

export function registerApiRoutes(app: FastifyInstance, options: ApiRoutesOptions): void {
  const unserved = options.spec.operations.filter((op) => !options.handlers[op.operationId]);
  if (unserved.length > 0) {
    throw new Error(
      `the spec's operations ${unserved.map((op) => op.operationId).join(", ")} have no handler in the server`,
    );
  }
  for (const operation of options.spec.operations) {
    const handler = options.handlers[operation.operationId] as OperationHandler;
    const validator = requestValidators.operation(operation);
    app.route({
      method: operation.method,
      url: fastifyPath(operation.path),
      handler: (request, reply) => serve(request, reply, operation, validator, handler, options),
    });
  }
}

async function serve(
  request: FastifyRequest,
  reply: FastifyReply,
  operation: SpecOperation,
  validator: OperationValidator,
  handler: OperationHandler,
  options: ApiRoutesOptions,
): Promise<FastifyReply> {
  const raw = request.body instanceof Buffer ? request.body : undefined;
  const auth = await options.auth.authenticate({
    method: request.method,
    url: request.url,
    headers: request.headers,
    body: raw,
  });
  if (!auth.ok) return sendError(request, reply, auth);

  const rawPath = request.params as Record<string, string>;
  const projectId = rawPath.project_id ?? "";
  const headerProject = request.headers["x-project-id"];
  const forbidden = options.auth.authorizeProject(
    auth,
    projectId,
    typeof headerProject === "string" ? headerProject : undefined,
  );
  if (forbidden) return sendError(request, reply, forbidden);

  const path = validator.path(rawPath);
  const query = validator.query(request.query as Record<string, unknown>);
  let body: unknown;
  if (operation.body) {
    try {
      body = parseJsonBody(raw);
    } catch (error) {
      if (!(error instanceof InvalidJsonBody)) throw error;
      return sendError(request, reply, refusal.malformedJson({ reason: error.reason }));
    }
    if (body !== undefined) body = validator.body(body);
    else if (operation.body.required) throw new RequestInvalid([missingField("body")]);
  }
  const result = await handler({ projectId, path, query, body });
  return reply.code(200).send(result);
}
