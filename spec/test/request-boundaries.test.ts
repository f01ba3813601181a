// Boundary values of every constrained request field, checked against the bundled spec's schemas
// with a JSON Schema 2020-12 validator. The expectations come from the reference page's Range
// text (and api-facts.md where the spec departs from it), not from the spec's own patterns, so a
// wrong pattern or length in the spec fails here.
import { describe, expect, it } from "vitest";
import { createSpecAjv, deref, findOperation, loadBundledSpec } from "../testing/index.js";

const spec = loadBundledSpec();
const { validator } = createSpecAjv(spec);
const validateBody = validator("#/components/schemas/CreateImageRequest");
const validBody = { name: "pytorch1_4", namespace: "atelier-auto" };

type Row = readonly [label: string, value: unknown, accepted: boolean];
const ACCEPT = true;
const REJECT = false;
const hex32 = "0123456789abcdef0123456789abcdef";

const bodyFields: Record<string, Row[]> = {
  // Up to 128 characters: lowercase letters, digits, '-', '_', '.'; starts and ends with a lowercase letter or digit.
  name: [
    ["one lowercase letter (shortest)", "a", ACCEPT],
    ["one digit", "7", ACCEPT],
    ["128 characters (longest)", `a${"b".repeat(126)}c`, ACCEPT],
    ["129 characters", "a".repeat(129), REJECT],
    ["empty", "", REJECT],
    ["lowercase letters and digits", "pytorch14", ACCEPT],
    ["hyphen inside", "my-env", ACCEPT],
    ["underscore inside", "pytorch1_4", ACCEPT],
    ["period inside", "torch.2", ACCEPT],
    ["starts and ends with digits", "1env2", ACCEPT],
    ["starts with '-'", "-env", REJECT],
    ["ends with '-'", "env-", REJECT],
    ["starts with '_'", "_env", REJECT],
    ["ends with '_'", "env_", REJECT],
    ["starts with '.'", ".env", REJECT],
    ["ends with '.'", "env.", REJECT],
    ["uppercase letter", "myEnv", REJECT],
    ["all uppercase", "ENV", REJECT],
    ["space", "my env", REJECT],
    ["slash", "team/env", REJECT],
    ["colon (a tag separator)", "env:1", REJECT],
    ["non-ASCII letter", "envé", REJECT],
    ["trailing newline", "env\n", REJECT],
    ["a number instead of a string", 14, REJECT],
    ["null", null, REJECT],
  ],
  // Up to 64 characters; starts with a lowercase letter; letters (either case), digits, '-', '_', '.'.
  namespace: [
    ["one lowercase letter (shortest)", "a", ACCEPT],
    ["64 characters (longest)", `a${"B".repeat(63)}`, ACCEPT],
    ["65 characters", "a".repeat(65), REJECT],
    ["empty", "", REJECT],
    ["uppercase after the first letter", "atelierAuto", ACCEPT],
    ["digits, '-', '_', '.' after the first letter", "team-1_a.b", ACCEPT],
    ["ends with '-'", "team-", ACCEPT],
    ["starts with an uppercase letter", "Team", REJECT],
    ["starts with a digit", "1team", REJECT],
    ["starts with '-'", "-team", REJECT],
    ["starts with '_'", "_team", REJECT],
    ["starts with '.'", ".team", REJECT],
    ["space", "my team", REJECT],
    ["slash", "org/team", REJECT],
    ["a boolean instead of a string", true, REJECT],
  ],
  // Up to 64 characters; letters, digits, '-', '_', '.' (periods, not the page's commas).
  tag: [
    ["one character (shortest)", "1", ACCEPT],
    ["64 characters (longest)", "v".repeat(64), ACCEPT],
    ["65 characters", "v".repeat(65), REJECT],
    ["empty", "", REJECT],
    ["digits", "20221223", ACCEPT],
    ["upper and lower case", "Latest", ACCEPT],
    ["period (a version tag)", "v1.0.2", ACCEPT],
    ["hyphen and underscore", "rc-1_b", ACCEPT],
    ["comma (the reference page's typo)", "v1,0", REJECT],
    ["space", "v1 0", REJECT],
    ["colon", "v1:0", REJECT],
    ["slash", "v1/0", REJECT],
    ["a number instead of a string", 20221223, REJECT],
  ],
  // Up to 512 characters, any text.
  description: [
    ["empty", "", ACCEPT],
    ["512 characters (longest)", "d".repeat(512), ACCEPT],
    ["513 characters", "d".repeat(513), REJECT],
    ["any characters: spaces, punctuation, non-ASCII", "Saved from notebook-x21d: 训练环境, v1.0!", ACCEPT],
    ["512 astral characters (JSON Schema counts code points)", "😀".repeat(512), ACCEPT],
    ["513 astral characters", "😀".repeat(513), REJECT],
    ["an object instead of a string", { text: "x" }, REJECT],
  ],
  // "0" (the default workspace) or a 32-character workspace id.
  workspace_id: [
    ["the default workspace '0'", "0", ACCEPT],
    ["32 lowercase hexadecimal characters", hex32, ACCEPT],
    ["32 uppercase hexadecimal characters", hex32.toUpperCase(), ACCEPT],
    ["31 hexadecimal characters", hex32.slice(1), REJECT],
    ["33 hexadecimal characters", `${hex32}0`, REJECT],
    ["empty", "", REJECT],
    ["'00'", "00", REJECT],
    ["32 characters that are not hexadecimal", "g".repeat(32), REJECT],
    ["a hyphenated UUID", "0f7a8e3b-9c6d-4e2f-8a1b-2c3d4e5f6a7b", REJECT],
    ["the number 0 instead of the string", 0, REJECT],
  ],
};

describe.each(Object.entries(bodyFields))("request body field %s", (field, rows) => {
  it.each(rows)("%s (%j): accepted = %s", (_label, value, accepted) => {
    const valid = validateBody({ ...validBody, [field]: value });
    expect(valid, JSON.stringify(validateBody.errors)).toBe(accepted);
    if (!accepted) {
      // Rejected for this field, not for anything else in the body.
      expect(validateBody.errors?.map(({ instancePath }) => instancePath)).toStrictEqual(
        validateBody.errors?.map(() => `/${field}`),
      );
    }
  });
});

describe("request body as a whole", () => {
  it("accepts the two required fields alone", () => {
    expect(validateBody(validBody)).toBe(true);
  });

  it.each(["name", "namespace"])("rejects a body without %s, naming it", (field) => {
    const { [field as keyof typeof validBody]: _omitted, ...body } = validBody;
    expect(validateBody(body)).toBe(false);
    expect(validateBody.errors).toContainEqual(
      expect.objectContaining({ keyword: "required", params: { missingProperty: field } }),
    );
  });

  it("rejects an unknown field such as the typo worksapce_id, naming it", () => {
    expect(validateBody({ ...validBody, worksapce_id: "0" })).toBe(false);
    expect(validateBody.errors).toStrictEqual([
      expect.objectContaining({
        keyword: "additionalProperties",
        params: { additionalProperty: "worksapce_id" },
      }),
    ]);
  });

  it("accepts the optional SWR enterprise-instance fields of Huawei's SDKs", () => {
    expect(
      validateBody({ ...validBody, swr_instance_id: "i-1", swr_instance_domain: "swr.example.com" }),
    ).toBe(true);
  });

  it.each([
    ["an array", []],
    ["a string", "pytorch1_4"],
    ["null", null],
  ])("rejects %s as the body", (_label, body) => {
    expect(validateBody(body)).toBe(false);
  });
});

const uuid = "6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b";
const uuidRows: Row[] = [
  ["a lowercase UUID", uuid, ACCEPT],
  ["an uppercase UUID", uuid.toUpperCase(), ACCEPT],
  ["the nil UUID", "00000000-0000-0000-0000-000000000000", ACCEPT],
  ["one character short", uuid.slice(1), REJECT],
  ["one character too long", `${uuid}0`, REJECT],
  ["empty", "", REJECT],
  ["without hyphens", uuid.replaceAll("-", ""), REJECT],
  ["with a urn:uuid: prefix", `urn:uuid:${uuid}`, REJECT],
  ["in braces", `{${uuid}}`, REJECT],
  ["a non-hexadecimal character", `g${uuid.slice(1)}`, REJECT],
  ["hyphens in the wrong places", "6f3c2e564-a8f-4e1c-9a3b-2c1d0e9f8a7b", REJECT],
  ["a notebook name instead of an id", "notebook-x21d", REJECT],
];
const pathParameters: Record<string, Row[]> = {
  // The notebook instance id and the image id: UUIDs.
  NotebookId: uuidRows,
  ImageId: uuidRows,
  // The project id: 1 to 64 letters, digits and hyphens.
  ProjectId: [
    ["32 lowercase hexadecimal characters (an IAM project id)", hex32, ACCEPT],
    ["one character (shortest)", "p", ACCEPT],
    ["64 characters (longest)", "p".repeat(64), ACCEPT],
    ["65 characters", "p".repeat(65), REJECT],
    ["empty", "", REJECT],
    ["letters of both cases, digits and hyphens", "Proj-01-ab", ACCEPT],
    ["underscore", "proj_1", REJECT],
    ["slash", "proj/1", REJECT],
  ],
};

describe.each(Object.entries(pathParameters))("path parameter %s", (name, rows) => {
  const validate = validator(`#/components/parameters/${name}/schema`);
  it.each(rows)("%s (%j): accepted = %s", (_label, value, accepted) => {
    expect(validate(value), JSON.stringify(validate.errors)).toBe(accepted);
  });
});

// The query parameters of ListImage and DeleteImage, and DeleteImage's body. Their rules are the
// spec's own (the facts give defaults and enums, not bounds), so the rows are derived from each
// schema's keywords: both sides of every bound, every enum value and its near misses, the JSON
// type. JSON values, not query strings: Prism and the server coerce "200" to 200 before this check.
const queryParameters = ["ListImage", "DeleteImage"].flatMap((operationId) =>
  (findOperation(spec, operationId).operation.parameters as { $ref: string }[])
    .map((node) => ({ pointer: node.$ref, parameter: deref(spec, node) }))
    .filter(({ parameter }) => parameter.in === "query")
    .map(({ pointer, parameter }) => [`${operationId} ${parameter.name}`, pointer, parameter] as const),
);

/** Rows for a schema, from its keywords alone. */
function derivedRows(schema: {
  type?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  enum?: unknown[];
  default?: unknown;
}): Row[] {
  const rows: Row[] = [];
  if (schema.default !== undefined) rows.push(["its default", schema.default, ACCEPT]);
  if (schema.type === "integer") {
    const low = schema.minimum ?? 0;
    rows.push(["the minimum", low, ACCEPT], ["one below the minimum", low - 1, REJECT]);
    rows.push(["a fraction", low + 0.5, REJECT], ["a numeric string", String(low), REJECT]);
    if (schema.maximum === undefined) rows.push(["a large value (no maximum)", 1_000_000, ACCEPT]);
    else rows.push(["the maximum", schema.maximum, ACCEPT], ["one above", schema.maximum + 1, REJECT]);
  }
  if (schema.type === "boolean") {
    rows.push(["true", true, ACCEPT], ["false", false, ACCEPT], ['the string "true"', "true", REJECT]);
    rows.push(["1", 1, REJECT]);
  }
  if (Array.isArray(schema.enum)) {
    for (const value of schema.enum) rows.push([`enum value ${value}`, value, ACCEPT]);
    const first = String(schema.enum[0]);
    rows.push(["an enum value in lower case", first.toLowerCase(), REJECT]);
    rows.push(["an enum value with a space", ` ${first}`, REJECT], ["empty", "", REJECT]);
  } else if (schema.type === "string") {
    const shortest = schema.minLength ?? 0;
    rows.push(["the shortest", "a".repeat(Math.max(shortest, 1)), ACCEPT]);
    if (shortest > 0) rows.push(["shorter than minLength", "a".repeat(shortest - 1), REJECT]);
    rows.push(["a number instead of a string", 7, REJECT]);
  }
  return rows;
}

describe("the query parameters", () => {
  it("are found (ListImage's twelve and DeleteImage's force)", () => {
    expect(queryParameters.length).toBe(13);
  });

  describe.each(queryParameters)("%s", (_name, pointer, parameter) => {
    const schema = { ...deref(spec, parameter.schema), ...parameter.schema, $ref: undefined };
    const rows = derivedRows(schema);
    const validate = validator(`${pointer}/schema`);

    it("has rows to check", () => {
      expect(rows.length).toBeGreaterThan(2);
    });

    it.each(rows)("%s (%j): accepted = %s", (_label, value, accepted) => {
      expect(validate(value), JSON.stringify(validate.errors)).toBe(accepted);
    });

    it("has an example that its schema accepts", () => {
      expect(validate(parameter.example), JSON.stringify(validate.errors)).toBe(true);
    });
  });
});

describe("DeleteImage's optional body", () => {
  const media = deref(spec, findOperation(spec, "DeleteImage").operation.requestBody).content[
    "application/json"
  ];
  const validateDelete = validator(media.schema.$ref);

  it.each([
    ["an empty object", {}, ACCEPT],
    ["is_force true", { is_force: true }, ACCEPT],
    ["is_force false", { is_force: false }, ACCEPT],
    ['is_force as the string "true"', { is_force: "true" }, REJECT],
    ["the query's name, force, in the body (unknown field)", { force: true }, REJECT],
    ["an array", [], REJECT],
  ] as const)("%s: accepted = %s", (_label, body, accepted) => {
    expect(validateDelete(body), JSON.stringify(validateDelete.errors)).toBe(accepted);
  });
});
