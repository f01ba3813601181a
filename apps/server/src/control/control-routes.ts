// The control API under /_control/, behind its guard (control-guard.ts: who may call it).
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { SchemaValidators } from "../http/request-validator.js";
import type { SpecDocument } from "../http/spec-document.js";
import { imageView, notebookView } from "../http/views.js";
import { type ControlGuard, controlError, createControlGuard } from "./control-guard.js";
import { ControlError, type ControlService } from "./control-service.js";

export function registerControlRoutes(
  app: FastifyInstance,
  options: { service: ControlService; guard: ControlGuard; spec: SpecDocument; validators: SchemaValidators },
): void {
  const { service, guard, spec, validators } = options;
  const guardHooks = createControlGuard(guard);
  const request = spec.schema("CreateImageRequest") as { properties: Record<string, unknown> };
  const notebookStatus = spec.schema("NotebookStatus");
  const uuid = spec.schema("Uuid");
  const ms = { type: "integer", minimum: 0, maximum: 86_400_000 };

  const schemas = {
    notebook: {
      type: "object",
      additionalProperties: false,
      properties: {
        id: uuid,
        name: { type: "string", minLength: 1, maxLength: 128 },
        status: notebookStatus,
        project_id: spec.parameterSchema("ProjectId"),
        image: { type: "string", minLength: 1 },
      },
    },
    status: {
      type: "object",
      additionalProperties: false,
      required: ["status"],
      properties: { status: notebookStatus },
    },
    namespace: {
      type: "object",
      additionalProperties: false,
      required: ["name"],
      properties: { name: request.properties.namespace },
    },
    transitions: {
      oneOf: [
        {
          type: "object",
          additionalProperties: false,
          required: ["mode"],
          properties: { mode: { const: "immediate" } },
        },
        {
          type: "object",
          additionalProperties: false,
          required: ["mode"],
          properties: { mode: { const: "manual" } },
        },
        {
          type: "object",
          additionalProperties: false,
          required: ["mode", "creatingAfterMs", "activeAfterMs"],
          properties: { mode: { const: "time" }, creatingAfterMs: ms, activeAfterMs: ms },
        },
      ],
    },
    faults: {
      type: "object",
      additionalProperties: false,
      required: ["failNextSaves", "statusMessage"],
      properties: {
        failNextSaves: { type: "integer", minimum: 0, maximum: 1_000_000 },
        statusMessage: { type: "string", minLength: 1, maxLength: 1024 },
      },
    },
  } as const;
  const check = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [
      name,
      validators.compile(schema as Record<string, unknown>),
    ]),
  ) as unknown as Record<keyof typeof schemas, (value: unknown) => { message: string }[]>;

  const bodyOf = (
    req: FastifyRequest,
    schema: keyof typeof schemas,
    optional = false,
  ): Record<string, unknown> => {
    const raw = req.body instanceof Buffer ? req.body.toString("utf8") : "";
    let value: unknown = {};
    if (raw.trim() !== "") {
      try {
        value = JSON.parse(raw);
      } catch {
        throw new ControlError(400, "The request body is not valid JSON.");
      }
    } else if (!optional) {
      throw new ControlError(400, "The request needs a JSON body.");
    }
    const issues = check[schema](value);
    if (issues.length > 0) throw new ControlError(400, issues.map((i) => i.message).join("; "));
    return value as Record<string, unknown>;
  };

  app.register(
    async (control) => {
      control.addHook("onRequest", guardHooks.onRequest);
      control.addHook("preHandler", guardHooks.preHandler);
      control.setErrorHandler((error, _req, reply) => {
        if (error instanceof ControlError) return controlError(reply, error.httpStatus, error.message);
        throw error;
      });

      control.get("/health", () => service.health());
      control.post("/notebooks", async (req, reply) => {
        const body = bodyOf(req, "notebook", true);
        const notebook = await service.createNotebook(
          body as Parameters<ControlService["createNotebook"]>[0],
        );
        return reply.code(201).send(notebookView(notebook));
      });
      control.put<{ Params: { id: string } }>("/notebooks/:id/status", async (req) =>
        notebookView(
          await service.setNotebookStatus(
            req.params.id,
            bodyOf(req, "status").status as Parameters<ControlService["setNotebookStatus"]>[1],
          ),
        ),
      );
      control.post("/namespaces", async (req, reply) =>
        reply.code(201).send(await service.addNamespace(bodyOf(req, "namespace").name as string)),
      );
      control.put("/transitions", async (req) =>
        service.setTransitions(
          bodyOf(req, "transitions") as unknown as Parameters<ControlService["setTransitions"]>[0],
        ),
      );
      control.post<{ Params: { id: string } }>("/images/:id/advance", async (req) =>
        imageView(await service.advanceImage(req.params.id)),
      );
      control.post("/faults", async (req) =>
        service.setFaults(bodyOf(req, "faults") as unknown as Parameters<ControlService["setFaults"]>[0]),
      );
      control.post("/reset", () => service.reset());
    },
    { prefix: "/_control" },
  );
}
