// The validators against the spec itself: every limit and pattern below is read from
// spec/dist/openapi.json, and the expected verdict comes from an independent oracle (the spec's
// RegExp with the `u` flag, and lengths in code points, as JSON Schema defines them).

import { createSpecAjv } from "@notebook-image/spec/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  deref,
  type Json,
  operation,
  operationById,
  pathParameterSchema,
  requestSchema,
  spec,
} from "../test/spec.js";
import {
  validateCreateImageRequest,
  validateCreateNotebookRequest,
  validateInstanceId,
  validateProjectId,
  validateUpdateNotebookRequest,
} from "./validation.js";

const fields: [string, Json][] = Object.entries(requestSchema.properties).map(([k, v]) => [k, deref(v)]);
const required: string[] = requestSchema.required;
const codePoints = (s: string) => [...s].length;

/** A valid body, from the spec's own minimal example. */
const validBase: Json = deref(
  operation.requestBody.content["application/json"].examples.MinimalRequest,
).value;

/** What JSON Schema says about a string value of a field, computed without Ajv. */
function oracleIssues(schema: Json, value: string): string[] {
  const rules: string[] = [];
  if (schema.maxLength !== undefined && codePoints(value) > schema.maxLength) rules.push("maxLength");
  if (schema.minLength !== undefined && codePoints(value) < schema.minLength) rules.push("minLength");
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) rules.push("pattern");
  // The client reports an empty value once, as minLength, not again as a pattern mismatch.
  return rules.includes("minLength") ? rules.filter((r) => r !== "pattern") : rules;
}

function rulesFor(field: string, value: unknown): string[] {
  return validateCreateImageRequest({ ...validBase, [field]: value })
    .filter((i) => i.path === field)
    .map((i) => i.rule)
    .sort();
}

/** A character that the field's pattern accepts everywhere, to build strings of any length. */
function filler(schema: Json): string | undefined {
  return ["a", "0", "A"].find((c) =>
    [1, 2, 3].every((n) => !schema.pattern || new RegExp(schema.pattern, "u").test(c.repeat(n))),
  );
}

describe("validateCreateImageRequest", () => {
  it("accepts every named request example of the spec", () => {
    const examples = operation.requestBody.content["application/json"].examples;
    expect(Object.keys(examples).length).toBeGreaterThan(0);
    for (const example of Object.values(examples)) {
      expect(validateCreateImageRequest(deref(example).value)).toEqual([]);
    }
  });

  it.each(required)("reports the required field %s when it is missing", (field) => {
    const body = { ...validBase };
    delete body[field];
    expect(validateCreateImageRequest(body)).toContainEqual({
      path: field,
      rule: "required",
      message: `${field}: is required`,
    });
  });

  describe.each(fields.filter(([, s]) => s.maxLength !== undefined))("%s length limits", (field, schema) => {
    const c = filler(schema) as string;
    it("accepts the longest allowed value and rejects one character more, naming the limit", () => {
      expect(c).toBeDefined();
      expect(rulesFor(field, c.repeat(schema.maxLength))).toEqual([]);
      expect(
        validateCreateImageRequest({ ...validBase, [field]: c.repeat(schema.maxLength + 1) }),
      ).toContainEqual({
        path: field,
        rule: "maxLength",
        message: `${field}: must be at most ${schema.maxLength} characters (got ${schema.maxLength + 1})`,
      });
    });

    it("counts characters as code points, as JSON Schema does", () => {
      if (schema.pattern) return; // only free-text fields can hold an emoji
      const emoji = "\u{1F600}";
      expect(rulesFor(field, emoji.repeat(schema.maxLength))).toEqual([]);
      expect(rulesFor(field, emoji.repeat(schema.maxLength + 1))).toEqual(["maxLength"]);
    });
  });

  describe.each(fields.filter(([, s]) => s.minLength !== undefined))("%s minimum length", (field, schema) => {
    it("accepts the shortest allowed value and rejects an empty one as 'must not be empty'", () => {
      expect(rulesFor(field, (filler(schema) as string).repeat(schema.minLength))).toEqual([]);
      expect(validateCreateImageRequest({ ...validBase, [field]: "" })).toContainEqual({
        path: field,
        rule: "minLength",
        message: `${field}: must not be empty`,
      });
    });
  });

  describe.each(fields.filter(([, s]) => s.pattern !== undefined))("%s pattern", (field, schema) => {
    const samples = ["a", "z", "A", "Z", "0", "9", "-", "_", ".", ",", " ", "/", ":", "é", "\u{1F600}"];
    const base = field === "workspace_id" ? "0123456789abcdef0123456789abcdef" : "abc";
    const candidates = samples.flatMap((ch) => [
      ch + base.slice(1),
      base.slice(0, 1) + ch + base.slice(2),
      base.slice(0, -1) + ch,
      ch,
    ]);

    it.each(candidates)("agrees with the spec's pattern on %j", (value) => {
      expect(rulesFor(field, value)).toEqual(oracleIssues(schema, value).sort());
    });

    it("explains a pattern mismatch with the pattern and the spec's plain-words hint", () => {
      const bad = "\u{1F600}";
      expect(validateCreateImageRequest({ ...validBase, [field]: bad })).toContainEqual({
        path: field,
        rule: "pattern",
        message: `${field}: must match pattern ${schema.pattern} (${schema["x-pattern-hint"]})`,
      });
      expect(schema["x-pattern-hint"]).toEqual(expect.any(String));
    });

    it("agrees with the spec on arbitrary strings", () => {
      const alphabet = fc.constantFrom(...samples, "b", "7", "F");
      fc.assert(
        fc.property(fc.string({ unit: alphabet, maxLength: 70 }), (value) => {
          expect(rulesFor(field, value)).toEqual(oracleIssues(schema, value).sort());
        }),
        { numRuns: 300 },
      );
    });
  });

  it.each(fields.map(([f]) => f))("rejects a non-string %s, naming the expected type", (field) => {
    expect(validateCreateImageRequest({ ...validBase, [field]: 42 })).toContainEqual({
      path: field,
      rule: "type",
      message: `${field}: must be a string (got number)`,
    });
  });

  it("rejects an unknown field, suggests the closest known one and lists them all", () => {
    const issues = validateCreateImageRequest({ ...validBase, worksapce_id: "0" });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: "worksapce_id", rule: "additionalProperties" });
    expect(issues[0]?.message).toContain("worksapce_id: is not a known field (did you mean workspace_id?)");
    for (const [field] of fields) expect(issues[0]?.message).toContain(field);
  });

  it("lists every problem at once", () => {
    const issues = validateCreateImageRequest({ name: "Bad Name", tag: "", colour: "red" });
    expect(issues.map((i) => `${i.path}/${i.rule}`).sort()).toEqual(
      ["colour/additionalProperties", "name/pattern", "namespace/required", "tag/minLength"].sort(),
    );
  });

  it.each([null, "name", 42, [], undefined])("rejects a body that is not an object: %j", (body) => {
    const issues = validateCreateImageRequest(body);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: "(body)", rule: "type" });
    expect(issues[0]?.message).toMatch(/^\(body\): must be an object \(got \w+\)$/);
  });
});

describe("validateInstanceId", () => {
  const schema = pathParameterSchema("id");
  const example: string = deref(spec.components.parameters.NotebookId).example;

  it("accepts the spec's example and its upper-case spelling", () => {
    expect(validateInstanceId(example)).toEqual([]);
    expect(validateInstanceId(example.toUpperCase())).toEqual([]);
  });

  it.each([
    "",
    "not-a-uuid",
    example.slice(1),
    `${example}0`,
    `urn:uuid:${example}`,
    example.replace(/-/g, ""),
    ` ${example}`,
    "../../etc/passwd",
  ])("rejects %j with one plain issue", (value) => {
    const issues = validateInstanceId(value);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe("instanceId");
    const hint = schema["x-pattern-hint"];
    expect([
      `instanceId: must be a UUID`,
      `instanceId: must match pattern ${schema.pattern} (${hint})`,
    ]).toContain(issues[0]?.message);
  });

  it("rejects a non-string", () => {
    expect(validateInstanceId(7)).toEqual([
      { path: "instanceId", rule: "type", message: "instanceId: must be a string (got number)" },
    ]);
  });
});

describe("validateProjectId", () => {
  const schema = pathParameterSchema("project_id");
  it("accepts the spec's example and the longest allowed id; rejects one longer", () => {
    expect(validateProjectId(deref(spec.components.parameters.ProjectId).example)).toEqual([]);
    expect(validateProjectId("a".repeat(schema.maxLength))).toEqual([]);
    expect(validateProjectId("a".repeat(schema.maxLength + 1))).toEqual([
      {
        path: "projectId",
        rule: "maxLength",
        message: `projectId: must be at most ${schema.maxLength} characters (got ${schema.maxLength + 1})`,
      },
    ]);
  });

  it.each(["..", "a/b", "a b", "a%2Fb", "a?b", "a#b", "é"])(
    "rejects %j, which is not a safe path segment",
    (value) => {
      expect(validateProjectId(value)).toEqual([
        {
          path: "projectId",
          rule: "pattern",
          message: `projectId: must match pattern ${schema.pattern} (${schema["x-pattern-hint"]})`,
        },
      ]);
    },
  );
});

/** A JSON pointer (Ajv's instancePath) as the client names a path: `/endpoints/0/service` → `endpoints[0].service`. */
const pathOfPointer = (pointer: string) =>
  pointer
    .split("/")
    .slice(1)
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), "");

describe("validateCreateNotebookRequest", () => {
  const createNotebook = operationById("CreateNotebook");
  const content = createNotebook.operation.requestBody.content["application/json"];
  const examples: Json[] = Object.values(content.examples).map((e) => deref(e).value);
  // Ajv on the spec's whole CreateNotebookRequest: the verdict the checker must agree with.
  const { validator } = createSpecAjv(spec);
  const ajvBody = validator("#/components/schemas/CreateNotebookRequest");
  const ajvPaths = (body: Json) => {
    ajvBody(body);
    return (ajvBody.errors ?? [])
      .map((e) => {
        const at = pathOfPointer(e.instancePath);
        const field = e.params.missingProperty ?? e.params.additionalProperty;
        return `${field === undefined ? at : at === "" ? field : `${at}.${field}`}/${e.keyword}`;
      })
      .sort();
  };
  const clientPaths = (body: Json) =>
    validateCreateNotebookRequest(body)
      .map((i) => `${i.path}/${i.rule}`)
      .sort();

  it("accepts every request example of the spec", () => {
    expect(examples.length).toBeGreaterThan(0);
    for (const body of examples) expect(validateCreateNotebookRequest(body)).toEqual([]);
  });

  it.each<[string, (body: Json) => Json]>([
    ["a volume without its required fields", (b) => ({ ...b, volume: {} })],
    ["no volume at all", ({ volume: _, ...b }) => b],
    ["a volume category not in the enum", (b) => ({ ...b, volume: { ...b.volume, category: "evs" } })],
    ["a capacity past the maximum", (b) => ({ ...b, volume: { ...b.volume, capacity: 5000 } })],
    ["an unknown field in the volume", (b) => ({ ...b, volume: { ...b.volume, size: 1 } })],
    ["a lease too short", (b) => ({ ...b, lease: { duration: 60 } })],
    ["a name with a space", (b) => ({ ...b, name: "my notebook" })],
    ["a volume that is a string", (b) => ({ ...b, volume: "EVS" })],
    ["an endpoint's service not in the enum", (b) => ({ ...b, endpoints: [{ service: "HTTP" }] })],
    ["an unknown field in the second endpoint", (b) => ({ ...b, endpoints: [{}, { port: 22 }] })],
    [
      "more allowed IPs than maxItems",
      (b) => ({ ...b, endpoints: [{ service: "SSH", allowed_access_ips: Array(6).fill("10.0.0.1") }] }),
    ],
    ["an empty key pair name", (b) => ({ ...b, endpoints: [{ key_pair_names: ["ok", ""] }] })],
    ["endpoints that are an object", (b) => ({ ...b, endpoints: { service: "SSH" } })],
    ["a data volume without its ownership", (b) => ({ ...b, data_volumes: [{ category: "EVS" }] })],
    [
      "a hook of an unknown type, three objects deep",
      (b) => ({ ...b, hooks: { container_hooks: { pre_start: { script: "x", type: "BASH" } } } }),
    ],
    [
      "a fractional weight in an open object's list",
      (b) => ({ ...b, affinity: { required_during_scheduling_ignored_during_execution: [{ weight: 1.5 }] } }),
    ],
    ["a VPC without its security groups", (b) => ({ ...b, user_vpc: { vpc_id: "v", subnet_id: "s" } })],
  ])("names the same fields and rules as Ajv for %s", (_what, change) => {
    const body = change(examples[0]);
    const paths = clientPaths(body);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths).toEqual(ajvPaths(body));
  });
});

describe("validateCreateNotebookRequest on lists and open objects", () => {
  const createNotebook = operationById("CreateNotebook");
  const content = createNotebook.operation.requestBody.content["application/json"];
  const example: Json = deref(Object.values(content.examples)[0]).value;

  it("names an item of a list by its index, with the rule and the allowed values", () => {
    const issues = validateCreateNotebookRequest({
      ...example,
      endpoints: [{ service: "SSH" }, { service: "ssh" }],
    });
    expect(issues).toEqual([
      {
        path: "endpoints[1].service",
        rule: "enum",
        message: 'endpoints[1].service: must be one of NOTEBOOK, SSH (got "ssh"); did you mean SSH?',
      },
    ]);
  });

  it("counts a list's items against maxItems", () => {
    const ips = Array(6).fill("192.168.0.1");
    expect(validateCreateNotebookRequest({ ...example, endpoints: [{ allowed_access_ips: ips }] })).toEqual([
      {
        path: "endpoints[0].allowed_access_ips",
        rule: "maxItems",
        message: "endpoints[0].allowed_access_ips: must have at most 5 items (got 6)",
      },
    ]);
  });

  it("lets an open object (custom_spec, affinity) hold fields the spec does not list, as Ajv does", () => {
    const body = { ...example, custom_spec: { cpu: 2, npu: 1 }, affinity: { topology: "zone" } };
    expect(validateCreateNotebookRequest(body)).toEqual([]);
  });
});

describe("validateUpdateNotebookRequest", () => {
  it("accepts every request example of the spec", () => {
    const content = operationById("UpdateNotebook").operation.requestBody.content["application/json"];
    const examples: Json[] = Object.values(content.examples).map((e) => deref(e).value);
    expect(examples.length).toBeGreaterThan(0);
    for (const body of examples) expect(validateUpdateNotebookRequest(body)).toEqual([]);
  });

  it("names a nested field of a list's item and an unknown field", () => {
    const issues = validateUpdateNotebookRequest({
      data_volumes: [{ category: "EVS", ownership: "MANAGED", capacity: 0 }],
      volume: { capacity: 10 },
    });
    expect(issues.map((i) => `${i.path}/${i.rule}`)).toEqual([
      "volume/additionalProperties",
      "data_volumes[0].capacity/minimum",
    ]);
  });
});
