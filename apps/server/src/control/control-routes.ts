// The control API under /_control/, behind its guard (control-guard.ts: who may call it). Its routes
// are the operations of its own OpenAPI document (@notebook-image/spec/control-openapi.json), found
// by operationId and validated with the document's schemas, as the ModelArts API's are; an
// operation no handler serves stops the server at start.
import type { components, operations } from "@notebook-image/spec/control-types";
import type { SpecDocument, SpecOperation } from "@notebook-image/spec/reader";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { fastifyPath } from "../http/api-routes.js";
import { InvalidJsonBody, parseJsonBody } from "../http/json-body.js";
import type { RequestLog } from "../http/request-log.js";
import {
  type OperationValidator,
  RequestInvalid,
  requestValidators,
  textIssues,
} from "../http/request-validator.js";
import { imageView, notebookView } from "../http/views.js";
import { type ControlGuard, controlError, createControlGuard } from "./control-guard.js";
import { ControlError, type ControlService } from "./control-service.js";

type Schemas = components["schemas"];
type OperationId = keyof operations;

/** A control request, validated: its path and query parameters and its JSON body (undefined when it sent none). */
interface ControlInput {
  path: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
}

/** The request log's own path: its calls are not logged (see http/app.ts). */
export const REQUEST_LOG_PATH = "/_control/requests";

type ControlHandler = (input: ControlInput) => Promise<unknown> | unknown;

/** What each operation of the control document does, by operationId. */
function controlHandlers(
  service: ControlService,
  requestLog: RequestLog,
): Record<OperationId, ControlHandler> {
  const id = (input: ControlInput) => input.path.id as string;
  return {
    getHealth: () => service.health(),
    createNotebook: async (input) =>
      notebookView(await service.createNotebook((input.body ?? {}) as Schemas["NewNotebook"])),
    listNotebooks: async () => ({ notebooks: (await service.listNotebooks()).map(notebookView) }),
    setNotebookStatus: async (input) =>
      notebookView(
        await service.setNotebookStatus(id(input), (input.body as Schemas["NotebookStatusChange"]).status),
      ),
    addNamespace: (input) => service.addNamespace((input.body as Schemas["Namespace"]).name),
    addTemporaryCredential: (input) =>
      service.addTemporaryCredential(input.body as Schemas["TemporaryCredential"]),
    setTransitions: (input) => service.setTransitions(input.body as Schemas["TransitionSettings"]),
    setFaults: (input) => service.setFaults(input.body as Schemas["FaultSettings"]),
    advanceImage: async (input) => imageView(await service.advanceImage(id(input))),
    reset: () => service.reset(),
    exportState: () => service.exportState(),
    loadState: (input) => service.loadState(input.body as Schemas["ServerState"]),
    listRequests: (input) => ({
      requests: requestLog.list(input.query.limit as number | undefined),
      capacity: requestLog.capacity,
    }),
  };
}

export interface ControlRoutesOptions {
  service: ControlService;
  guard: ControlGuard;
  /** The control API's document (specDocument("control-openapi")). */
  document: SpecDocument;
  requestLog: RequestLog;
}

export function registerControlRoutes(app: FastifyInstance, options: ControlRoutesOptions): void {
  const handlers: Record<string, ControlHandler> = controlHandlers(options.service, options.requestLog);
  const unserved = options.document.operations.filter((op) => !handlers[op.operationId]);
  if (unserved.length > 0) {
    throw new Error(
      `the control document's operations ${unserved.map((op) => op.operationId).join(", ")} have no handler in the server`,
    );
  }
  const guardHooks = createControlGuard(options.guard);
  app.register(async (control) => {
    control.addHook("onRequest", guardHooks.onRequest);
    control.addHook("preHandler", guardHooks.preHandler);
    control.setErrorHandler((error, _req, reply) => {
      if (error instanceof ControlError) return controlError(reply, error.httpStatus, error.message);
      if (error instanceof RequestInvalid) return controlError(reply, 400, error.message);
      throw error;
    });
    for (const operation of options.document.operations) {
      const handler = handlers[operation.operationId] as ControlHandler;
      const validator = requestValidators.operation(operation);
      const status = successStatus(operation);
      control.route({
        method: operation.method,
        url: fastifyPath(operation.path),
        handler: async (request, reply) => {
          const path = validator.path(request.params as Record<string, string>);
          const query = validator.query(request.query as Record<string, unknown>);
          const body = bodyOf(request, operation, validator);
          return reply.code(status).send(await handler({ path, query, body }));
        },
      });
    }
  });
}

/** The JSON body, validated; undefined when the operation takes none or an optional one was left out. */
function bodyOf(request: FastifyRequest, operation: SpecOperation, validator: OperationValidator): unknown {
  if (!operation.body) return undefined;
  let value: unknown;
  try {
    value = parseJsonBody(request.body);
  } catch (error) {
    throw error instanceof InvalidJsonBody ? new ControlError(400, error.message) : error;
  }
  if (value === undefined) {
    if (operation.body.required) throw new ControlError(400, "The request needs a JSON body.");
    return undefined;
  }
  const body = validator.body(value);
  // What the control API is sent goes to text columns (names, messages): U+0000 cannot be kept there.
  const issues = textIssues(body);
  if (issues.length > 0) throw new RequestInvalid(issues);
  return body;
}

/** The one success status the document gives the operation (201 for what it creates, else 200). */
function successStatus(operation: SpecOperation): number {
  const status = Object.keys(operation.responses).find((code) => /^2\d\d$/.test(code));
  if (!status) throw new Error(`the control operation ${operation.operationId} declares no success status`);
  return Number(status);
}
