// The spec agrees with Huawei's official Python SDK on every field and parameter of the five
// operations it describes. The SDK's declared fields are a small data file written from its source
// (fixtures/huaweicloud-sdk-python-v3-3.1.211-modelarts.json, release named inside); this test
// derives the comparison from it and the bundled spec, both ways: every SDK field is in the spec
// with the same JSON type, and every spec field is in the SDK or listed in the file's `spec_only`
// with the reason it stays.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { deref, findOperation, loadBundledSpec } from "../testing/index.js";

interface SdkModels {
  sdk: { release: string };
  /** By the SDK's operation name; `operationId` is the spec's. */
  operations: Record<
    string,
    { operationId: string; path: string[]; query: string[]; body?: string; response: string }
  >;
  models: Record<string, Record<string, string>>;
  spec_only: Record<string, string>;
}

const sdk = JSON.parse(
  readFileSync(
    new URL("./fixtures/huaweicloud-sdk-python-v3-3.1.211-modelarts.json", import.meta.url),
    "utf8",
  ),
) as SdkModels;
const spec = loadBundledSpec();

// biome-ignore lint/suspicious/noExplicitAny: schemas of the bundled document, walked generically
type Schema = any;

const PRIMITIVES: Record<string, string> = {
  str: "string",
  int: "integer",
  bool: "boolean",
  float: "number",
};

/**
 * The differences between the SDK model `model` and the spec schema `schema`, as "where: what"
 * lines; nested models (`Model`, `list[Model]`) are compared field by field too.
 */
function compareModel(
  document: Schema,
  models: SdkModels["models"],
  specOnly: SdkModels["spec_only"],
  model: string,
  schema: Schema,
): string[] {
  const fields = models[model];
  if (!fields) return [`${model}: not in the SDK data file`];
  const resolved = deref(document, schema);
  const properties: Record<string, Schema> = resolved?.properties ?? {};
  const differences: string[] = [];
  for (const [field, type] of Object.entries(fields)) {
    const property = properties[field];
    if (property === undefined) differences.push(`${model}.${field}: in the SDK (${type}), not in the spec`);
    else differences.push(...compareType(document, models, specOnly, `${model}.${field}`, type, property));
  }
  for (const field of Object.keys(properties)) {
    if (!(field in fields) && !(`${model}.${field}` in specOnly))
      differences.push(`${model}.${field}: in the spec, not in the SDK (nor in spec_only)`);
  }
  return differences;
}

function compareType(
  document: Schema,
  models: SdkModels["models"],
  specOnly: SdkModels["spec_only"],
  where: string,
  type: string,
  schema: Schema,
): string[] {
  const resolved = deref(document, schema);
  const list = /^list\[(.+)\]$/.exec(type);
  if (list) {
    if (resolved.type !== "array") return [`${where}: the SDK has a list, the spec ${resolved.type}`];
    return compareType(document, models, specOnly, `${where}[]`, list[1] as string, resolved.items);
  }
  const primitive = PRIMITIVES[type];
  if (primitive) {
    return resolved.type === primitive ? [] : [`${where}: the SDK has ${type}, the spec ${resolved.type}`];
  }
  if (resolved.type !== "object")
    return [`${where}: the SDK has the object ${type}, the spec ${resolved.type}`];
  return compareModel(document, models, specOnly, type, resolved);
}

/** The differences between an operation's SDK request and response and the spec's. */
function compareOperation(document: Schema, data: SdkModels, sdkOperation: string): string[] {
  const declared = data.operations[sdkOperation];
  if (!declared) throw new Error(`${sdkOperation} is not in the SDK data file`);
  const operationId = sdkOperation;
  const { operation, parameters } = findOperation(document, declared.operationId);
  const differences: string[] = [];
  for (const place of ["path", "query"] as const) {
    // The SDK fills project_id in from its credentials, not from the request model.
    const inSpec = parameters
      .filter((p: Schema) => p.in === place && p.name !== "project_id")
      .map((p: Schema) => p.name as string);
    for (const name of declared[place])
      if (!inSpec.includes(name))
        differences.push(`${operationId}.${place}.${name}: in the SDK, not in the spec`);
    for (const name of inSpec)
      if (!declared[place].includes(name) && !(`${operationId}.${place}.${name}` in data.spec_only))
        differences.push(`${operationId}.${place}.${name}: in the spec, not in the SDK (nor in spec_only)`);
  }
  const body = deref(document, operation.requestBody)?.content?.["application/json"]?.schema;
  if (declared.body === undefined) {
    if (body !== undefined) differences.push(`${operationId}: the spec has a body, the SDK none`);
  } else if (body === undefined) {
    differences.push(`${operationId}: the SDK sends ${declared.body}, the spec has no body`);
  } else {
    differences.push(...compareModel(document, data.models, data.spec_only, declared.body, body));
  }
  const ok = deref(document, operation.responses["200"])?.content?.["application/json"]?.schema;
  differences.push(...compareModel(document, data.models, data.spec_only, declared.response, ok));
  return differences;
}

describe(`the spec against Huawei's Python SDK ${sdk.sdk.release}`, () => {
  it.each(Object.keys(sdk.operations))("%s: same parameters, body and 200 fields", (operationId) => {
    expect(compareOperation(spec, sdk, operationId)).toEqual([]);
  });

  it("covers exactly the spec's operations", () => {
    const inSpec = Object.values(spec.paths as Record<string, Record<string, Schema>>).flatMap((item) =>
      Object.values(item)
        .map((operation) => operation?.operationId)
        .filter((id): id is string => typeof id === "string"),
    );
    expect(
      Object.values(sdk.operations)
        .map((o) => o.operationId)
        .sort(),
    ).toEqual(inSpec.sort());
  });

  it("finds what a spec without a field, with a field of another type or with an extra field differs in", () => {
    const copy = structuredClone(spec);
    const image = copy.components.schemas.Image.properties;
    delete image.show_tag;
    image.size = { type: "string" };
    image.colour = { type: "string" };
    copy.components.parameters.ShowNameFilter = {
      ...copy.components.parameters.ShowNameFilter,
      name: "display_name",
    };
    const differences = compareOperation(copy, sdk, "ListImage");
    expect(differences).toEqual(
      expect.arrayContaining([
        "ListImage.query.show_name: in the SDK, not in the spec",
        "ListImage.query.display_name: in the spec, not in the SDK (nor in spec_only)",
        "ImageResponse.show_tag: in the SDK (str), not in the spec",
        "ImageResponse.size: the SDK has int, the spec string",
        "ImageResponse.colour: in the spec, not in the SDK (nor in spec_only)",
      ]),
    );
  });
});
