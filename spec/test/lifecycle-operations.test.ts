// The operations that follow a save (ShowImage, ListImage, DeleteImage, ShowNotebook) say what
// lifecycle-facts.md says the real service does: one image schema for every answer, not-found as
// 400 with ModelArts.6404 / 6309, the ListImage defaults of Huawei's SDK, and the same shared
// error responses and security as create-image. Expectations come from the facts, not the spec.
import { describe, expect, it } from "vitest";
import { deref, findOperation, loadBundledSpec, operations } from "../testing/index.js";

const spec = loadBundledSpec();
type Operation = {
  operationId: string;
  security?: unknown;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<
    string,
    { $ref?: string; content?: Record<string, { schema: { $ref?: string }; examples?: object }> }
  >;
};
const located = operations(spec) as {
  operationId: string;
  path: string;
  method: string;
  operation: Operation;
}[];
const find = (operationId: string) => findOperation(spec, operationId) as (typeof located)[number];
const json = (operation: Operation, status: string) =>
  deref(spec, operation.responses[status])?.content?.["application/json"];
const IMAGE = "#/components/schemas/Image";

describe("the operations of the image lifecycle", () => {
  it.each([
    ["createImage", "post", "/v1/{project_id}/notebooks/{id}/create-image"],
    ["ShowImage", "get", "/v1/{project_id}/images/{id}"],
    ["ListImage", "get", "/v1/{project_id}/images"],
    ["DeleteImage", "delete", "/v1/{project_id}/images/{id}"],
    ["ShowNotebook", "get", "/v1/{project_id}/notebooks/{id}"],
  ])("%s is %s %s", (operationId, method, path) => {
    expect(find(operationId)).toMatchObject({ method, path });
  });

  it("keeps create-image the first operation of the document", () => {
    expect(located[0]?.operation.operationId).toBe("createImage");
  });

  it("answers create, show and delete with the one Image schema, and lists Image items", () => {
    for (const id of ["createImage", "ShowImage", "DeleteImage"]) {
      expect(json(find(id).operation, "200")?.schema.$ref, id).toBe(IMAGE);
    }
    const page = deref(spec, json(find("ListImage").operation, "200")?.schema);
    expect(Object.keys(page.properties).sort()).toStrictEqual(["current", "data", "pages", "size", "total"]);
    expect(page.properties.data.items.$ref).toBe(IMAGE);
  });

  it("documents DeleteImage's 204 with no body", () => {
    const noContent = deref(spec, find("DeleteImage").operation.responses["204"]);
    expect(noContent).toBeDefined();
    expect(noContent.content).toBeUndefined();
  });

  it("shows a deleted image in status DELETED in DeleteImage's 200 examples", () => {
    const examples = Object.values(json(find("DeleteImage").operation, "200")?.examples ?? {});
    expect(examples.map((example) => deref(spec, example).value.status)).toStrictEqual(["DELETED"]);
  });

  it.each([
    ["ShowImage", "ModelArts.6404"],
    ["DeleteImage", "ModelArts.6404"],
    ["ShowNotebook", "ModelArts.6309"],
  ])("%s answers not-found as 400 %s, its first (Prism's default) example", (id, code) => {
    const examples = Object.values(json(find(id).operation, "400")?.examples ?? {});
    expect(deref(spec, examples[0]).value.error_code).toBe(code);
  });

  it.each(located.map(({ operation }) => [operation.operationId, operation] as const))(
    "%s has the shared 401, 403, 429 and 500 responses and the document's security",
    (_id, operation) => {
      for (const status of ["401", "403", "429", "500"]) {
        expect(operation.responses[status]?.$ref, status).toMatch(/^#\/components\/responses\//);
      }
      expect(operation.security).toBeUndefined();
    },
  );
});

describe("ListImage's query parameters", () => {
  const parameters = (find("ListImage").operation.parameters ?? []).map((p) => deref(spec, p));
  const schemaOf = (name: string) => {
    const parameter = parameters.find((p) => p.name === name && p.in === "query");
    if (!parameter) throw new Error(`ListImage has no query parameter ${name}`);
    return { ...deref(spec, parameter.schema), ...parameter.schema, $ref: undefined };
  };

  it("are the ones of the facts, all optional", () => {
    expect(parameters.map((p) => p.name).sort()).toStrictEqual(
      [
        "limit",
        "offset",
        "name",
        "name_fuzzy_match",
        "namespace",
        "service_type",
        "sort_dir",
        "sort_key",
        "type",
        "workspace_id",
        "show_name",
        "show_tag",
      ].sort(),
    );
    expect(parameters.filter((p) => p.required)).toStrictEqual([]);
  });

  it.each([
    ["limit", "integer", 200],
    ["offset", "integer", 0],
    ["name_fuzzy_match", "boolean", true],
    ["sort_dir", "string", "DESC"],
    ["type", "string", "BUILD_IN"],
  ])("%s is a %s with default %j", (name, type, value) => {
    expect(schemaOf(name)).toMatchObject({ type, default: value });
  });

  it.each([
    ["sort_dir", ["ASC", "DESC"]],
    ["type", ["BUILD_IN", "DEDICATED"]],
    ["service_type", ["COMMON", "INFERENCE", "TRAIN", "DEV", "UNKNOWN"]],
  ])("%s is one of %j", (name, values) => {
    expect(schemaOf(name).enum).toStrictEqual(values);
  });
});

describe("ShowNotebook", () => {
  const notebook = deref(spec, json(find("ShowNotebook").operation, "200")?.schema);

  it("is an open schema with the fields that matter", () => {
    expect(notebook.additionalProperties).toBe(true);
    for (const field of [
      "id",
      "name",
      "description",
      "status",
      "fail_reason",
      "flavor",
      "image",
      "workspace_id",
      "url",
      "endpoints",
      "volume",
      "action_progress",
      "create_at",
      "update_at",
    ]) {
      expect(notebook.properties, field).toHaveProperty(field);
    }
  });

  it("knows every notebook status, SNAPSHOTTING included", () => {
    expect(deref(spec, notebook.properties.status).enum).toStrictEqual([
      "INIT",
      "CREATING",
      "STARTING",
      "STOPPING",
      "DELETING",
      "RUNNING",
      "STOPPED",
      "SNAPSHOTTING",
      "CREATE_FAILED",
      "START_FAILED",
      "DELETE_FAILED",
      "ERROR",
      "DELETED",
      "FROZEN",
    ]);
  });
});
